// The administrator's retention policy: how long closed and misuse-flagged reports are kept before
// the daily job erases them, keys and attachments included.
import { useEffect, useState } from 'preact/hooks';
import type { RetentionStatusDto } from '../../../shared/protocol/admin.ts';
import { request, requestJson } from '../../common/api.ts';
import { ts, type StaffKey } from '../i18n.ts';
import { formatMinute } from '../format-time.ts';

export function RetentionPage() {
  const [policy, setPolicy] = useState<RetentionStatusDto | null>(null);
  const [message, setMessage] = useState<StaffKey | null>(null);
  useEffect(
    () =>
      void requestJson<RetentionStatusDto>('/api/staff/admin/retention').then(setPolicy, () =>
        setMessage('loadFailed'),
      ),
    [],
  );
  if (!policy) return <p role="status">{message ? ts(message) : ts('loading')}</p>;
  const save = () =>
    request('/api/staff/admin/retention', {
      method: 'PUT',
      json: { closedMonths: policy.closedMonths, flaggedMonths: policy.flaggedMonths },
    }).then(
      () => setMessage('saved'),
      () => setMessage('saveFailed'),
    );
  const months = (id: string, label: StaffKey, key: 'closedMonths' | 'flaggedMonths') => (
    <div class="field">
      <label for={id}>{ts(label)}</label>
      <input
        id={id}
        type="number"
        min={1}
        max={120}
        value={policy[key]}
        onInput={(e) => setPolicy({ ...policy, [key]: Number(e.currentTarget.value) })}
      />
    </div>
  );
  return (
    // An edit clears "Saved.": it must not stay beside a value changed since.
    <form
      class="narrow"
      onSubmit={(e) => (e.preventDefault(), void save())}
      onInput={() => setMessage(null)}
    >
      <h2>{ts('retention')}</h2>
      <p class="hint">{ts('retentionHint')}</p>
      {months('ret-closed', 'retentionClosed', 'closedMonths')}
      {months('ret-flagged', 'retentionFlagged', 'flaggedMonths')}
      <p class="hint">
        {ts('retentionLastRun')}: {policy.lastRun ? formatMinute(policy.lastRun) : ts('never')}
      </p>
      <button type="submit">{ts('save')}</button>
      {message && (
        <p class="notice" role="status">
          {ts(message)}
        </p>
      )}
    </form>
  );
}
