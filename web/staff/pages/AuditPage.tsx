// The audit log of the member's organisation (the administrator: the municipality's), newest
// first, with the result of checking its hash chain [Note: audit chain].
import { useEffect, useState } from 'preact/hooks';
import type { AuditLogDto } from '../../../shared/protocol/admin.ts';
import { requestJson } from '../../common/api.ts';
import { ts } from '../i18n.ts';
import { ACTION_LABEL } from '../labels.ts';
import { formatMinute } from '../format-time.ts';

export function AuditPage() {
  const [log, setLog] = useState<AuditLogDto | 'error' | null>(null);
  useEffect(
    () =>
      void requestJson<AuditLogDto>('/api/staff/audit?limit=200').then(setLog, () =>
        setLog('error'),
      ),
    [],
  );
  if (log === null) return <p role="status">{ts('loading')}</p>;
  if (log === 'error')
    return (
      <p class="notice notice--error" role="alert">
        {ts('loadFailed')}
      </p>
    );
  return (
    <section>
      <h2>{ts('auditLog')}</h2>
      <p class={`notice ${log.chainIntact ? 'notice--ok' : 'notice--error'}`} role="status">
        {log.chainIntact ? ts('chainIntact') : ts('chainBroken', { id: log.firstBrokenId ?? '?' })}
      </p>
      <ol class="history">
        {log.entries.map((e) => (
          <li key={e.id}>
            {formatMinute(e.at)}:{' '}
            {ACTION_LABEL[e.action] ? ts(ACTION_LABEL[e.action] ?? 'actReceived') : e.action}
            {e.subjectType && ` (${e.subjectType})`}
          </li>
        ))}
      </ol>
    </section>
  );
}
