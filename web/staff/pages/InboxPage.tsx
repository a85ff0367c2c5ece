// The inbox: urgent first, then the longest waiting; filters for unread, mine and status; a page
// of INBOX_PAGE at a time, the next one on request.
import { useEffect, useState } from 'preact/hooks';
import type { InboxItemDto } from '../../../shared/protocol/staff.ts';
import { REPORT_STATUSES } from '../../../shared/protocol/staff.ts';
import { ts } from '../i18n.ts';
import { CATEGORY_LABEL, hoursSince, STATUS_LABEL } from '../labels.ts';
import { staffApi } from '../staff-api.ts';
import { unlocked, view } from '../state.ts';
import { formatHour } from '../format-time.ts';

export function InboxPage() {
  const [filter, setFilter] = useState('all');
  const [status, setStatus] = useState('');
  const [items, setItems] = useState<InboxItemDto[] | null>(null);
  const [page, setPage] = useState(0);
  const [hasMore, setHasMore] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setItems(null);
    setPage(0);
    staffApi.inbox(filter, status).then(
      (r) => (setItems(r.items), setHasMore(r.hasMore)),
      () => setFailed(true),
    );
  }, [filter, status]);
  /** The next page of the same order, below what is shown (a report moved meanwhile shows once). */
  const more = () =>
    staffApi.inbox(filter, status, page + 1).then(
      (r) => {
        const shown = new Set(items?.map((i) => i.id));
        setItems([...(items ?? []), ...r.items.filter((i) => !shown.has(i.id))]);
        setHasMore(r.hasMore);
        setPage(page + 1);
      },
      () => setFailed(true),
    );
  const me = unlocked.value?.me.id;
  return (
    <section>
      <h2>{ts('inbox')}</h2>
      <div class="toolbar">
        <label for="inbox-filter">{ts('show')}</label>
        <select id="inbox-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value)}>
          <option value="all">{ts('filterAll')}</option>
          <option value="unread">{ts('filterUnread')}</option>
          <option value="mine">{ts('filterMine')}</option>
        </select>
        <label for="inbox-status">{ts('status')}</label>
        <select id="inbox-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          <option value="">{ts('anyStatus')}</option>
          {REPORT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ts(STATUS_LABEL[s] ?? 'statusNew')}
            </option>
          ))}
        </select>
      </div>
      {failed && (
        <p class="notice notice--error" role="alert">
          {ts('loadFailed')}
        </p>
      )}
      {items === null && !failed && <p role="status">{ts('loading')}</p>}
      {items?.length === 0 && <p>{ts('inboxEmpty')}</p>}
      <ol class="inbox">
        {items?.map((r) => (
          <li
            key={r.id}
            class={`inbox__row${r.unread ? ' inbox__row--unread' : ''}`}
            data-report-id={r.id}
          >
            <button
              type="button"
              class="inbox__open"
              onClick={() => (view.value = { name: 'case', id: r.id })}
            >
              {r.urgent && <span class="badge badge--urgent">{ts('urgent')}</span>}
              {r.unread && <span class="badge">{ts('unread')}</span>}
              {r.overdue && <span class="badge badge--overdue">{ts('overdue')}</span>}
              {r.escalated && <span class="badge badge--cdr">{ts('escalatedBadge')}</span>}
              {r.flag !== 'none' && (
                <span class="badge">{ts(r.flag === 'test' ? 'flagTest' : 'flagFalse')}</span>
              )}
              <span class="inbox__status">{ts(STATUS_LABEL[r.status] ?? 'statusNew')}</span>
              <span>
                {r.category ? ts(CATEGORY_LABEL[r.category] ?? 'catOther') : ts('notTriaged')}
              </span>
              <span class="inbox__time">
                {formatHour(r.createdHour)}
                {r.waitingSince && ` · ${ts('waitingHours', { h: hoursSince(r.waitingSince) })}`}
              </span>
              {r.assigneeId === me && <span class="badge">{ts('assignedToMe')}</span>}
            </button>
          </li>
        ))}
      </ol>
      {hasMore && (
        <button type="button" class="button--secondary" onClick={() => void more()}>
          {ts('showMore')}
        </button>
      )}
    </section>
  );
}
