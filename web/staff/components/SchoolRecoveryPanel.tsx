// The organisation's recovery key on the Team page [Note: school recovery key]: whether there is
// one, and making a new one, shown once for printing and handed to the head in an envelope.
import { useEffect, useState } from 'preact/hooks';
import type { OrgRecoveryStatusDto } from '../../../shared/protocol/org-recovery.ts';
import { crypto } from '../crypto.ts';
import { ts } from '../i18n.ts';
import { staffApi } from '../staff-api.ts';
import { unlocked } from '../state.ts';
import { formatDate } from '../format-time.ts';

const day = formatDate;

export function SchoolRecoveryPanel() {
  const [status, setStatus] = useState<OrgRecoveryStatusDto | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => void staffApi.recoveryStatus().then(setStatus, () => setFailed(true)), []);
  const u = unlocked.value;
  const org = u?.me.org;
  if (!u || !org) return null;
  const newestHeld = Math.max(...u.orgKeys.map((k) => k.version));

  const create = async () => {
    setFailed(false);
    try {
      const made = await crypto('createSchoolRecovery', org.id, u.orgKeys);
      setStatus(await staffApi.setRecovery(made.body));
      setShown(made.recoveryKey);
    } catch {
      setFailed(true);
    }
  };

  return (
    <section class="panel" aria-labelledby="school-recovery-title">
      <h3 id="school-recovery-title">{ts('schoolRecoveryTitle')}</h3>
      <p class="hint">{ts('schoolRecoveryHint')}</p>
      {status && !status.configured && <p>{ts('schoolRecoveryNone')}</p>}
      {status?.configured && status.createdAt && (
        <p data-testid="school-recovery-status">
          {ts(status.createdByName ? 'recoveryMadeBy' : 'recoveryMade', {
            date: day(status.createdAt),
            name: status.createdByName ?? '',
          })}{' '}
          {status.lastUsedAt
            ? ts('recoveryLastUsed', { date: day(status.lastUsedAt) })
            : ts('recoveryNeverUsed')}
        </p>
      )}
      {status?.configured && !status.versions.includes(newestHeld) && (
        <p class="notice notice--error" role="alert">
          {ts('schoolRecoveryOld')}
        </p>
      )}
      {shown ? (
        <div class="notice recovery-print" role="status">
          <p>{ts('schoolRecoveryShown', { org: org.name })}</p>
          <p class="recovery-key" data-testid="school-recovery-key">
            {shown}
          </p>
          <button type="button" onClick={() => window.print()}>
            {ts('print')}
          </button>
          <button type="button" class="button--secondary" onClick={() => setShown(null)}>
            {ts('schoolRecoveryDone')}
          </button>
        </div>
      ) : (
        <>
          {status?.configured && <p class="hint">{ts('schoolRecoveryReplaceWarning')}</p>}
          <button type="button" class="button--secondary" onClick={() => void create()}>
            {ts('schoolRecoveryCreate')}
          </button>
        </>
      )}
      {failed && (
        <p class="notice notice--error" role="alert">
          {ts('schoolRecoveryFailed')}
        </p>
      )}
    </section>
  );
}
