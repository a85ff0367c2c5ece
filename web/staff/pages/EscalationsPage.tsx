// Escalations: for a CdR specialist the queue from all pilot schools (urgent, then oldest); for a
// counsellor, the cases their school handed over.
import { useEffect, useState } from 'preact/hooks';
import type { EscalationItemDto } from '../../../shared/protocol/escalations.ts';
import { ts } from '../i18n.ts';
import { ESC_STATUS_LABEL, RESULT_LABEL } from '../labels.ts';
import { staffApi } from '../staff-api.ts';
import { go } from '../router.ts';
import { formatMinute } from '../format-time.ts';

export function EscalationsPage() {
  const [items, setItems] = useState<EscalationItemDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => void staffApi.escalations().then(setItems, () => setFailed(true)), []);
  return (
    <section>
      <h2>{ts('escalations')}</h2>
      {failed && (
        <p class="notice notice--error" role="alert">
          {ts('loadFailed')}
        </p>
      )}
      {items === null && !failed && <p role="status">{ts('loading')}</p>}
      {items?.length === 0 && <p>{ts('escalationsEmpty')}</p>}
      <ol class="inbox">
        {items?.map((e) => (
          <li key={e.id} class="inbox__row" data-escalation-id={e.id} data-report-id={e.reportId}>
            <button
              type="button"
              class="inbox__open"
              onClick={() => go({ name: 'escalation', id: e.id })}
            >
              {e.urgent && <span class="badge badge--urgent">{ts('urgent')}</span>}
              <span class="inbox__status">{ts(ESC_STATUS_LABEL[e.status] ?? 'escOpen')}</span>
              <span>
                <strong>{e.school.code}</strong> {e.school.name}
              </span>
              <span class="inbox__time">{formatMinute(e.createdAt)}</span>
              {e.result && <span class="badge">{ts(RESULT_LABEL[e.result] ?? 'resSupport')}</span>}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
