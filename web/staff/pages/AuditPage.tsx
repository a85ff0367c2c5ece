// The audit log of the member's organisation (the administrator: the municipality's), newest
// first by time, with the result of checking its hash chain [Note: audit chain]. Each entry is a
// sentence in the app's language, with who acted (a member by name; a pupil or the system), and
// the log can be narrowed by who, what and when; the server does the narrowing, so older pages
// narrow alike.
import { useEffect, useState } from 'preact/hooks';
import {
  AUDIT_GROUPS,
  type AuditEntryDto,
  type AuditGroup,
  type AuditLogDto,
} from '../../../shared/protocol/admin.ts';
import { requestJson } from '../../common/api.ts';
import { auditSentence } from '../audit-words.ts';
import { formatMinute } from '../format-time.ts';
import { ts, type StaffKey } from '../i18n.ts';
import { go, type View } from '../router.ts';
import { unlocked } from '../state.ts';

const GROUP_LABEL: Record<AuditGroup, StaffKey> = {
  signin: 'auGroupSignin',
  reports: 'auGroupReports',
  escalations: 'auGroupEscalations',
  team: 'auGroupTeam',
  keys: 'auGroupKeys',
  settings: 'auGroupSettings',
};

interface Filters {
  actor: string;
  group: string;
  /** Local dates (YYYY-MM-DD) from the date inputs, both days included. */
  since: string;
  until: string;
}
const NO_FILTERS: Filters = { actor: '', group: '', since: '', until: '' };

/** The start of a local day as the server's ISO instant; `days` later for an end bound. */
function dayStart(date: string, days = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 2000, (m ?? 1) - 1, (d ?? 1) + days).toISOString();
}

function query(f: Filters, before: number | null): string {
  const q = new URLSearchParams({ limit: '100' });
  if (f.actor) q.set('actor', f.actor);
  if (f.group) q.set('group', f.group);
  if (f.since) q.set('since', dayStart(f.since));
  if (f.until) q.set('until', dayStart(f.until, 1));
  if (before !== null) q.set('before', String(before));
  return q.toString();
}

/** Acts of pupils reach the log without an actor; so do the system's (the retention job). */
const PUPIL_ACTIONS = ['report.received', 'message.received', 'attachment.added'];

function who(e: AuditEntryDto): string {
  if (e.actorName) return e.actorName;
  if (e.actorId) return ts('colleague');
  return PUPIL_ACTIONS.includes(e.action) ? ts('auPupil') : ts('auSystem');
}

export function AuditPage() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [log, setLog] = useState<AuditLogDto | null>(null);
  const [failed, setFailed] = useState(false);
  // A first day after the last asks for nothing: said beside the filters, which stay to be mended.
  const badRange = filters.since !== '' && filters.until !== '' && filters.since > filters.until;
  const load = (f: Filters, before: number | null, previous: AuditLogDto | null) =>
    requestJson<AuditLogDto>(`/api/staff/audit?${query(f, before)}`).then(
      (next) => {
        setFailed(false);
        setLog(previous ? { ...next, entries: [...previous.entries, ...next.entries] } : next);
      },
      () => {
        // A page that did not come: said beside the filters; older entries already shown stay.
        setFailed(true);
        if (!previous) setLog(null);
      },
    );
  useEffect(() => {
    if (!badRange) void load(filters, null, null);
  }, [filters]);
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });
  const shown = badRange ? null : log;
  return (
    <section class="wide">
      <h2>{ts('auditLog')}</h2>
      {log && (
        <p class={`notice ${log.chainIntact ? 'notice--ok' : 'notice--error'}`} role="status">
          {log.chainIntact
            ? ts('chainIntact')
            : ts('chainBroken', { id: log.firstBrokenId ?? '?' })}
        </p>
      )}
      <form
        class="toolbar audit__filters"
        aria-label={ts('auFilters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label for="audit-actor">{ts('auWho')}</label>
        <select
          id="audit-actor"
          value={filters.actor}
          onChange={(e) => set({ actor: e.currentTarget.value })}
        >
          <option value="">{ts('auAnyone')}</option>
          {log?.actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <label for="audit-group">{ts('auWhat')}</label>
        <select
          id="audit-group"
          value={filters.group}
          onChange={(e) => set({ group: e.currentTarget.value })}
        >
          <option value="">{ts('auAnything')}</option>
          {(Object.keys(AUDIT_GROUPS) as AuditGroup[]).map((g) => (
            <option key={g} value={g}>
              {ts(GROUP_LABEL[g])}
            </option>
          ))}
        </select>
        <label for="audit-since">{ts('auSince')}</label>
        <input
          id="audit-since"
          type="date"
          value={filters.since}
          onChange={(e) => set({ since: e.currentTarget.value })}
        />
        <label for="audit-until">{ts('auUntil')}</label>
        <input
          id="audit-until"
          type="date"
          value={filters.until}
          onChange={(e) => set({ until: e.currentTarget.value })}
        />
        <button type="button" class="button--secondary" onClick={() => setFilters(NO_FILTERS)}>
          {ts('auClear')}
        </button>
      </form>
      {badRange && (
        <p class="notice notice--error" role="alert">
          {ts('auBadRange')}
        </p>
      )}
      {failed && !badRange && (
        <p class="notice notice--error" role="alert">
          {ts('loadFailed')}
        </p>
      )}
      {log === null && !failed && !badRange && <p role="status">{ts('loading')}</p>}
      {shown && shown.entries.length === 0 && <p role="status">{ts('auNone')}</p>}
      {shown && shown.entries.length > 0 && (
        <table class="stats audit">
          <caption class="visually-hidden">{ts('auditLog')}</caption>
          <thead>
            <tr>
              <th scope="col">{ts('auWhen')}</th>
              <th scope="col">{ts('auWho')}</th>
              <th scope="col">{ts('auWhat')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.entries.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td class="audit__time">
                  <time dateTime={e.at}>{formatMinute(e.at)}</time>
                </td>
                <td>{who(e)}</td>
                <td>
                  <span class="audit__what">{auditSentence(e.action, e.subjectName)}</span>{' '}
                  <CaseLink entry={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && shown.nextBefore !== null && (
        <button
          type="button"
          class="button--secondary"
          onClick={() => void load(filters, shown.nextBefore, shown)}
        >
          {ts('auMore')}
        </button>
      )}
    </section>
  );
}

/** An entry about a case the member can open links to it: a school's report for its counsellors,
 * an escalation for the school's counsellors and the CdR's specialists. */
function CaseLink({ entry: e }: { entry: AuditEntryDto }) {
  const role = unlocked.value?.me.role;
  if (!e.subjectId) return null;
  const view: View | null =
    e.subjectType === 'report' && role === 'counsellor'
      ? { name: 'case', id: e.subjectId }
      : e.subjectType === 'escalation' && (role === 'counsellor' || role === 'cdr_specialist')
        ? { name: 'escalation', id: e.subjectId }
        : null;
  if (!view) return null;
  return (
    <button type="button" class="button--link" onClick={() => go(view)}>
      {ts('auOpenCase')}
    </button>
  );
}
