// A member who signed up waits for a colleague to confirm them. When nobody can (every member lost
// their password), the head types the organisation's recovery key here [Note: school recovery
// key]: this browser opens the key versions sealed to it, checks them against the certificates,
// and grants them to this member's own keys. The server audits every try. The first member of a
// new organisation makes its key here instead (FoundingPanel, [Note: founding member]).
import { useState } from 'preact/hooks';
import { ApiFailure } from '../../common/api.ts';
import { enterAfterGrant } from '../actions.ts';
import { Field } from '../components/Field.tsx';
import { FoundingPanel } from '../components/FoundingPanel.tsx';
import { crypto } from '../crypto.ts';
import { ts, type StaffKey } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';
import { waitingMember } from '../state.ts';

function failureText(e: unknown): StaffKey {
  if (e instanceof ApiFailure && e.status === 403) return 'schoolRecoveryRefused';
  if (e instanceof ApiFailure && e.status === 429) return 'schoolRecoveryTooMany';
  if (e instanceof ApiFailure) return 'saveFailed';
  return 'schoolRecoveryMismatch';
}

export function WaitingPage() {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<StaffKey | null>(null);
  // null until FoundingPanel knows: a first member is told what really comes next, not to wait
  // for a colleague they do not have.
  const [founding, setFounding] = useState<boolean | null>(null);
  const waiting = waitingMember.value;
  const org = waiting?.me.org;
  const known = founding ?? (waiting ? null : false);

  const restore = async () => {
    if (!waiting || !org) return;
    setBusy(true);
    setError(null);
    try {
      const authKey = await crypto('schoolRecoveryAuthKey', key).catch(() => {
        throw new ApiFailure('forbidden', 403);
      });
      const { grants } = await staffApi.openRecovery(authKey);
      const { certificates } = await staffApi.certificates(org.id);
      const restored = await crypto(
        'restoreWithSchoolRecovery',
        key,
        grants,
        org.id,
        certificates,
        waiting.personal,
      );
      await staffApi.recoveryGrant({ authKey, ...restored.body });
      setKey('');
      await enterAfterGrant();
    } catch (e) {
      setError(failureText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      {known !== null && (
        <p class="notice" role="status">
          {ts(known ? 'foundingNext' : 'waitingForColleague')}
        </p>
      )}
      {waiting && <FoundingPanel personal={waiting.personal} onFounding={setFounding} />}
      {org && known === false && (
        <form class="panel" onSubmit={(e) => (e.preventDefault(), void restore())}>
          <h2>{ts('waitingRecoveryTitle')}</h2>
          <p class="hint">{ts('waitingRecoveryHint')}</p>
          <Field
            id="school-recovery-input"
            label="schoolRecoveryKey"
            value={key}
            onValue={setKey}
            autoComplete="off"
            required
          />
          <button type="submit" disabled={busy}>
            {ts('useSchoolRecovery')}
          </button>
          {error && (
            <p class="notice notice--error" role="alert">
              {ts(error)}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
