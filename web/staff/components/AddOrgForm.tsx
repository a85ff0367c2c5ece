// The administrator adds a school or a CdR [Note: founding member]: it starts without a key, and
// its first invited member makes one.
import { useState } from 'preact/hooks';
import { ts, type StaffKey } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';
import { Field } from './Field.tsx';

export function AddOrgForm(props: { onAdded: (message: StaffKey) => void }) {
  const [kind, setKind] = useState<'school' | 'cdr'>('school');
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [address, setAddress] = useState('');
  const [failed, setFailed] = useState(false);
  const add = () =>
    staffApi
      .createOrg({
        kind,
        name,
        code,
        address: address || null,
        phone: null,
        hours: null,
        waitTargetHours: 24,
      })
      .then(
        () => {
          setFailed(false);
          setName('');
          setCode('');
          setAddress('');
          props.onAdded('orgAdded');
        },
        () => setFailed(true),
      );
  return (
    <details class="panel">
      <summary>{ts('addOrg')}</summary>
      <form onSubmit={(e) => (e.preventDefault(), void add())}>
        <div class="field">
          <label for="new-org-kind">{ts('orgKind')}</label>
          <select
            id="new-org-kind"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value === 'cdr' ? 'cdr' : 'school')}
          >
            <option value="school">{ts('orgKindSchool')}</option>
            <option value="cdr">{ts('orgKindCdr')}</option>
          </select>
        </div>
        <Field id="new-org-name" label="orgName" value={name} onValue={setName} required />
        <Field id="new-org-code" label="orgCode" value={code} onValue={setCode} required />
        <Field id="new-org-address" label="helpAddress" value={address} onValue={setAddress} />
        <button type="submit">{ts('addOrg')}</button>
        {failed && (
          <p class="notice notice--error" role="alert">
            {ts('orgCodeTaken')}
          </p>
        )}
      </form>
    </details>
  );
}
