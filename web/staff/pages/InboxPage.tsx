// The inbox: urgent first, then the longest waiting; filters for unread, mine and status; a page
// of INBOX_PAGE at a time, the next one on request. Each row shows what tells reports apart, opened
// in this browser [Note: inbox previews]: the pupil's own choice, the first line of their words,
// photos, who wrote last and when; search and the pupil's choice filter what is opened here, and
// nothing of it goes back to the server. A search can reach every report: "search all" loads and
// opens the remaining pages here.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { InboxItemDto } from '../../../shared/protocol/staff.ts';
import { INBOX_PAGE, REPORT_STATUSES } from '../../../shared/protocol/staff.ts';
import { REPORT_CATEGORIES } from '../../../shared/protocol/content-limits.ts';
import type { OpenedPreview } from '../../crypto/inbox-ops.ts';
import { crypto } from '../crypto.ts';
import { formatHour } from '../format-time.ts';
import { ts } from '../i18n.ts';
import { CATEGORY_LABEL, hoursSince, PUPIL_CATEGORY_LABEL, STATUS_LABEL } from '../labels.ts';
import { staffApi } from '../staff-api.ts';
import { unlocked } from '../state.ts';
import { go } from '../router.ts';
import { AUTHOR } from '../components/MessageList.tsx';

type Previews = Record<string, OpenedPreview>;

/** Opens the previews of these rows in the worker, a page's worth (the most the server hands
 * out at once) at a time; a failure leaves the rows as they were. */
async function loadPreviews(items: InboxItemDto[]): Promise<Previews> {
  const u = unlocked.value;
  const out: Previews = {};
  for (let at = 0; u && at < items.length; at += INBOX_PAGE) {
    const ids = items.slice(at, at + INBOX_PAGE).map((i) => i.id);
    const { previews } = await staffApi.previews(ids);
    const opened = await crypto('openPreviews', previews, u.orgKeys);
    for (const p of opened) out[p.id] = p;
  }
  return out;
}

/** Lower-case, without Polish and Ukrainian diacritics, so "zolw" finds "żółw". */
const fold = (s: string) =>
  s
    .toLocaleLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l');

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim().length > 0) ?? '';
  return line.length > 140 ? `${line.slice(0, 140)}…` : line;
}

export function InboxPage() {
  const [filter, setFilter] = useState('all');
  const [status, setStatus] = useState('');
  const [query, setQuery] = useState('');
  const [pupilCategory, setPupilCategory] = useState('');
  const [items, setItems] = useState<InboxItemDto[] | null>(null);
  const [previews, setPreviews] = useState<Previews>({});
  const [page, setPage] = useState(0);
  const [hasMore, setHasMore] = useState(false);
  const [failed, setFailed] = useState(false);
  const show = (next: InboxItemDto[], more: boolean) => {
    setItems(next);
    setHasMore(more);
    loadPreviews(next.filter((i) => !previews[i.id])).then(
      (p) => setPreviews((old) => ({ ...old, ...p })),
      () => undefined,
    );
  };
  useEffect(() => {
    setItems(null);
    setPage(0);
    staffApi.inbox(filter, status).then(
      (r) => show(r.items, r.hasMore),
      () => setFailed(true),
    );
  }, [filter, status]);
  /** The next page of the same order, below what is shown (a report moved meanwhile shows once). */
  const more = () =>
    staffApi.inbox(filter, status, page + 1).then(
      (r) => {
        const shown = new Set(items?.map((i) => i.id));
        show([...(items ?? []), ...r.items.filter((i) => !shown.has(i.id))], r.hasMore);
        setPage(page + 1);
      },
      () => setFailed(true),
    );
  /** A search looks through every report, not only the pages shown: the rest are loaded (the
   * server's order, a page at a time) and opened here, as the pages shown are. */
  const [loadingAll, setLoadingAll] = useState(false);
  const all = async () => {
    setLoadingAll(true);
    try {
      let next = page;
      let rows = items ?? [];
      let left = hasMore;
      while (left) {
        const r = await staffApi.inbox(filter, status, next + 1);
        const shown = new Set(rows.map((i) => i.id));
        rows = [...rows, ...r.items.filter((i) => !shown.has(i.id))];
        left = r.hasMore;
        next += 1;
      }
      show(rows, false);
      setPage(next);
    } catch {
      setFailed(true);
    } finally {
      setLoadingAll(false);
    }
  };
  const searching = query.trim() !== '' || pupilCategory !== '';
  const visible = useMemo(() => {
    if (!items || !searching) return items;
    const words = fold(query).split(/\s+/).filter(Boolean);
    return items.filter((i) => {
      const p = previews[i.id];
      if (!p?.ok) return false;
      if (pupilCategory && p.category !== pupilCategory) return false;
      const hay = fold([p.text, p.name ?? '', p.grade ?? ''].join(' '));
      return words.every((w) => hay.includes(w));
    });
  }, [items, previews, query, pupilCategory, searching]);
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
      <div class="toolbar">
        <label for="inbox-search">{ts('searchReports')}</label>
        <input
          id="inbox-search"
          type="search"
          class="inbox__search"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          aria-describedby="inbox-search-hint"
        />
        <label for="inbox-pupil-category">{ts('pupilChose')}</label>
        <select
          id="inbox-pupil-category"
          class="inbox__choice-filter"
          value={pupilCategory}
          onChange={(e) => setPupilCategory(e.currentTarget.value)}
        >
          <option value="">{ts('anyPupilChoice')}</option>
          {REPORT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {ts(PUPIL_CATEGORY_LABEL[c] ?? 'pupilOther')}
            </option>
          ))}
        </select>
      </div>
      <p id="inbox-search-hint" class="hint">
        {ts('searchHint')}
      </p>
      {failed && (
        <p class="notice notice--error" role="alert">
          {ts('loadFailed')}
        </p>
      )}
      {items === null && !failed && <p role="status">{ts('loading')}</p>}
      {items?.length === 0 && <p>{ts('inboxEmpty')}</p>}
      {searching && items && (
        <p role="status" class="hint">
          {loadingAll
            ? ts('loading')
            : ts(hasMore ? 'searchFound' : 'searchFoundAll', {
                n: visible?.length ?? 0,
                of: items.length,
              })}
        </p>
      )}
      <ol class="inbox">
        {visible?.map((r) => (
          <InboxRow key={r.id} item={r} preview={previews[r.id]} mine={r.assigneeId === me} />
        ))}
      </ol>
      {hasMore && (
        <button
          type="button"
          class="button--secondary"
          disabled={loadingAll}
          onClick={() => void (searching ? all() : more())}
        >
          {searching ? ts('searchMore') : ts('showMore')}
        </button>
      )}
    </section>
  );
}

function InboxRow({
  item: r,
  preview: p,
  mine,
}: {
  item: InboxItemDto;
  preview: OpenedPreview | undefined;
  mine: boolean;
}) {
  return (
    <li class={`inbox__row${r.unread ? ' inbox__row--unread' : ''}`} data-report-id={r.id}>
      <button type="button" class="inbox__open" onClick={() => go({ name: 'case', id: r.id })}>
        <span class="inbox__line">
          {r.urgent && <span class="badge badge--urgent">{ts('urgent')}</span>}
          {r.unread && <span class="badge">{ts('unread')}</span>}
          {r.overdue && <span class="badge badge--overdue">{ts('overdue')}</span>}
          {r.escalated && <span class="badge badge--cdr">{ts('escalatedBadge')}</span>}
          {r.flag !== 'none' && (
            <span class="badge">{ts(r.flag === 'test' ? 'flagTest' : 'flagFalse')}</span>
          )}
          <span class="inbox__choice">
            {p?.ok ? ts(PUPIL_CATEGORY_LABEL[p.category] ?? 'pupilOther') : ''}
          </span>
          {mine && <span class="badge">{ts('assignedToMe')}</span>}
        </span>
        <span class="inbox__preview">
          {p === undefined ? '…' : p.ok ? firstLine(p.text) : ts('previewFailed')}
        </span>
        <span class="inbox__line inbox__time">
          <span class="inbox__status">{ts(STATUS_LABEL[r.status] ?? 'statusNew')}</span>
          <span>
            {r.category ? ts(CATEGORY_LABEL[r.category] ?? 'catOther') : ts('notTriaged')}
          </span>
          <span>{formatHour(r.createdHour)}</span>
          {p && p.photos > 0 && <span>{ts('photosCount', { n: p.photos })}</span>}
          {p?.last && (
            <span>
              {ts('lastWrote', {
                who: ts(AUTHOR[p.last.authorRole]),
                when: formatHour(p.last.at),
              })}
            </span>
          )}
          {r.waitingSince && <span>{ts('waitingHours', { h: hoursSince(r.waitingSince) })}</span>}
        </span>
      </button>
    </li>
  );
}
