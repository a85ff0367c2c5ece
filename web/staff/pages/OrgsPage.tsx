// The administrator's view of the schools and the CdR: contact details, opening hours, the
// waiting-time target, the shared alert mailbox, staffing (OrgStaffing), and key versions
// waiting for a certificate (or to be withdrawn).
import { useEffect, useState } from 'preact/hooks';
import type { AdminOrgDto } from '../../../shared/protocol/admin.ts';
import type { PendingKeyDto } from '../../../shared/protocol/staff.ts';
import { ts, type StaffKey } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';
import { AddOrgForm } from '../components/AddOrgForm.tsx';
import { OrgStaffing } from '../components/OrgStaffing.tsx';

/** onSaved(null) on every edit: a "Saved." must not stay beside a value changed since. */
function OrgForm({ org, onSaved }: { org: AdminOrgDto; onSaved: (m: StaffKey | null) => void }) {
  const [form, setForm] = useState({
    address: org.address ?? '',
    phone: org.phone ?? '',
    hours: org.hours ?? '',
    waitTargetHours: org.waitTargetHours,
    alertEmail: org.alertEmail ?? '',
    alertUrgentOnly: org.alertUrgentOnly,
  });
  const save = () =>
    staffApi
      .saveOrg(org.id, {
        address: form.address || null,
        phone: form.phone || null,
        hours: form.hours || null,
        waitTargetHours: form.waitTargetHours,
        alertEmail: form.alertEmail.trim() || null,
        alertUrgentOnly: form.alertUrgentOnly,
      })
      .then(
        () => onSaved('saved'),
        () => onSaved('saveFailed'),
      );
  const field = (key: 'address' | 'phone' | 'hours' | 'alertEmail', label: StaffKey) => (
    <div class="field">
      <label for={`${org.code}-${key}`}>{ts(label)}</label>
      <input
        id={`${org.code}-${key}`}
        value={form[key]}
        onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      />
    </div>
  );
  return (
    <form onSubmit={(e) => (e.preventDefault(), void save())} onInput={() => onSaved(null)}>
      {field('address', 'helpAddress')}
      {field('phone', 'helpPhone')}
      {field('hours', 'helpHours')}
      <div class="field">
        <label for={`${org.code}-wait`}>{ts('waitTarget')}</label>
        <input
          id={`${org.code}-wait`}
          type="number"
          min={1}
          max={168}
          value={form.waitTargetHours}
          onInput={(e) => setForm({ ...form, waitTargetHours: Number(e.currentTarget.value) })}
        />
      </div>
      {field('alertEmail', 'orgAlertEmail')}
      <div class="field field--check">
        <input
          id={`${org.code}-urgent-only`}
          type="checkbox"
          checked={form.alertUrgentOnly}
          onChange={(e) => setForm({ ...form, alertUrgentOnly: e.currentTarget.checked })}
        />
        <label for={`${org.code}-urgent-only`}>{ts('orgAlertUrgentOnly')}</label>
      </div>
      <button type="submit">{ts('save')}</button>
    </form>
  );
}

/** The certificate file's name: the organisation code and version, nothing a shell reads. */
const certificateFile = (p: PendingKeyDto) =>
  `${p.code.replace(/[^A-Za-z0-9_-]/g, '_')}-v${p.version}.json`;

/** The offline machine's command (docs/operations.md, "Certifying a key offline"); the name in
 * single quotes, so a shell takes it as it is. */
function signCommand(p: PendingKeyDto, kind: AdminOrgDto['kind']): string {
  const name = `'${p.name.replace(/'/g, `'\\''`)}'`;
  return [
    'node dist/server/cli/admin.js sign-certificate --key /media/usb/root-key.json',
    `--org-id ${p.orgId} --kind ${kind} --name ${name} --version ${p.version}`,
    `--box-pk=${p.boxPublicKey} --sign-pk=${p.signPublicKey} --out ${certificateFile(p)}`,
  ].join(' ');
}

export function OrgsPage() {
  const [orgs, setOrgs] = useState<AdminOrgDto[]>([]);
  const [pending, setPending] = useState<PendingKeyDto[]>([]);
  const [message, setMessage] = useState<StaffKey | null>(null);
  const reload = () => {
    staffApi.adminOrgs().then(
      (r) => setOrgs(r.organisations),
      () => setMessage('loadFailed'),
    );
    staffApi.pendingKeys().then(
      (r) => setPending(r.pending),
      () => undefined,
    );
  };
  useEffect(reload, []);
  return (
    <section>
      <h2>{ts('organisations')}</h2>
      {message && (
        <p class="notice" role="status">
          {ts(message)}
        </p>
      )}
      {pending.length > 0 && (
        <div class="notice">
          <p>{ts('pendingKeys')}</p>
          {pending.map((p) => (
            <div key={p.orgId}>
              <p>{ts('pendingSignOffline')}</p>
              <p class="invite-link" data-testid="sign-command">
                {signCommand(p, orgs.find((o) => o.id === p.orgId)?.kind ?? 'school')}
              </p>
              <p>{ts('pendingImport')}</p>
              <p class="invite-link" data-testid="import-command">
                node dist/server/cli/admin.js import-certificate --file {certificateFile(p)}
              </p>
              <button
                type="button"
                class="button--secondary"
                onClick={() => void staffApi.adminWithdrawKey(p.orgId).then(reload)}
              >
                {ts('withdraw')} ({p.code})
              </button>
            </div>
          ))}
        </div>
      )}
      <AddOrgForm
        onAdded={(m) => {
          setMessage(m);
          reload();
        }}
      />
      {orgs.map((o) => (
        <details key={o.id} class="panel">
          <summary>
            {o.name} ({o.code}) · {ts('certVersion')} {o.certificateVersion}
          </summary>
          <OrgForm org={o} onSaved={setMessage} />
          <OrgStaffing org={o} onChange={reload} />
        </details>
      ))}
    </section>
  );
}
