// Prevention-monitoring statistics from metadata only: per school and month, reports (urgent, by
// triage category and risk), the median time to a first answer, escalations by result and the
// CdR's outcome records by service. A report counts in the month of its created_hour, an
// escalation in the month it was made, an outcome in the month it was recorded (UTC months).
// Reports flagged false_report or test are left out. Every month's table (its schools and, for
// the CdR and administrator, the total row) goes through suppressTable [Note: small-count
// suppression] before it leaves the server, the totals too.
import { CDR_SERVICES, ESCALATION_RESULTS } from '../../shared/protocol/escalations.ts';
import {
  NO_CATEGORY,
  OPEN_RESULT,
  STATS_MAX_MONTHS,
  type StatsCount,
  type StatsDto,
  type StatsQuery,
  type StatsRowDto,
} from '../../shared/protocol/admin.ts';
import { RISK_LEVELS, TRIAGE_CATEGORIES } from '../../shared/protocol/staff.ts';
import type { DbOrTrx } from '../db/database.ts';
import { ApiError } from '../errors.ts';
import { suppressTable, type TableShape } from './stats-suppression.ts';
import {
  escalationFacts,
  listSchools,
  outcomeFacts,
  reportFacts,
} from '../db/repositories/stats.ts';

export const SUPPRESS_BELOW = 5;
const HOUR_MS = 60 * 60 * 1000;

/** The median of at least SUPPRESS_BELOW values, to a tenth; null for fewer. */
export function suppressedMedian(values: readonly number[]): number | null {
  if (values.length < SUPPRESS_BELOW) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const m = s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
  return Math.round(m * 10) / 10;
}

/** The month after a YYYY-MM month. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Every month from..to (YYYY-MM), both included; at most `max` + 1, to check the limit. */
export function monthsOf(from: string, to: string, max = STATS_MAX_MONTHS): string[] {
  const out: string[] = [];
  for (let key = from; key <= to && out.length <= max; key = nextMonth(key)) out.push(key);
  return out;
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const CATEGORY_KEYS = [...TRIAGE_CATEGORIES, NO_CATEGORY] as const;
const RISK_KEYS = [...RISK_LEVELS, NO_CATEGORY] as const;
const RESULT_KEYS = [...ESCALATION_RESULTS, OPEN_RESULT] as const;

interface Tally {
  reports: number;
  urgent: number;
  category: Record<(typeof CATEGORY_KEYS)[number], number>;
  risk: Record<(typeof RISK_KEYS)[number], number>;
  hours: number[];
  escalations: number;
  result: Record<(typeof RESULT_KEYS)[number], number>;
  service: Record<(typeof CDR_SERVICES)[number], number>;
}

const newTally = (): Tally => ({
  reports: 0,
  urgent: 0,
  category: zeros(CATEGORY_KEYS),
  risk: zeros(RISK_KEYS),
  hours: [],
  escalations: 0,
  result: zeros(RESULT_KEYS),
  service: zeros(CDR_SERVICES),
});

const bump = <K extends string>(record: Record<K, number>, key: string) => {
  if (key in record) record[key as K] += 1;
};

const prefixed = (prefix: string, keys: readonly string[]) => keys.map((k) => `${prefix}.${k}`);

/** How a month's cells add up (urgent reports are among the reports). */
export const STATS_SHAPE: TableShape = {
  groups: [
    { parent: 'reports', children: prefixed('category', CATEGORY_KEYS) },
    { parent: 'reports', children: prefixed('risk', RISK_KEYS) },
    { parent: 'escalations', children: prefixed('result', RESULT_KEYS) },
  ],
  atMost: [['urgent', 'reports']],
  medianOf: 'reports',
};

/** The counts of a tally as flat cells ('category.self_harm'), as the CSV names them. */
function cellsOf(t: Tally): Record<string, number> {
  const out: Record<string, number> = { reports: t.reports, urgent: t.urgent };
  for (const [k, n] of Object.entries(t.category)) out[`category.${k}`] = n;
  for (const [k, n] of Object.entries(t.risk)) out[`risk.${k}`] = n;
  out.escalations = t.escalations;
  for (const [k, n] of Object.entries(t.result)) out[`result.${k}`] = n;
  for (const [k, n] of Object.entries(t.service)) out[`service.${k}`] = n;
  return out;
}

const pick = <K extends string>(
  cells: Record<string, StatsCount>,
  prefix: string,
  keys: readonly K[],
) =>
  Object.fromEntries(keys.map((k) => [k, cells[`${prefix}.${k}`] ?? 0])) as Record<K, StatsCount>;

function rowOf(
  month: string,
  school: { id: string; code: string; name: string } | null,
  t: Tally,
  cells: Record<string, StatsCount>,
): StatsRowDto {
  return {
    month,
    schoolId: school?.id ?? null,
    schoolCode: school?.code ?? null,
    schoolName: school?.name ?? null,
    reports: cells.reports ?? 0,
    urgent: cells.urgent ?? 0,
    category: pick(cells, 'category', CATEGORY_KEYS),
    risk: pick(cells, 'risk', RISK_KEYS),
    medianHoursToFirstAnswer: suppressedMedian(t.hours),
    escalations: cells.escalations ?? 0,
    result: pick(cells, 'result', RESULT_KEYS),
    service: pick(cells, 'service', CDR_SERVICES),
  };
}

/** One month's rows, suppressed together: its schools, then the total row when there is one. */
function monthRows(
  month: string,
  schools: readonly { id: string; code: string; name: string }[],
  tallies: ReadonlyMap<string, Tally>,
  withTotal: boolean,
): StatsRowDto[] {
  const parts: [{ id: string; code: string; name: string } | null, Tally][] = schools.map((s) => [
    s,
    tallies.get(`${s.id}|${month}`) ?? newTally(),
  ]);
  if (withTotal) parts.push([null, tallies.get(`*|${month}`) ?? newTally()]);
  const cells = suppressTable(STATS_SHAPE, {
    rows: parts.map(([, t]) => ({
      values: cellsOf(t),
      medianShown: suppressedMedian(t.hours) !== null,
    })),
    total: withTotal ? parts.length - 1 : null,
  });
  return parts.map(([school, t], i) => rowOf(month, school, t, cells[i] ?? {}));
}

/** `schoolId`: one school only (a counsellor); undefined: every school and a total per month. */
export async function computeStats(
  db: DbOrTrx,
  query: StatsQuery,
  schoolId: string | undefined,
): Promise<StatsDto> {
  const months = monthsOf(query.from, query.to);
  if (months.length > STATS_MAX_MONTHS) {
    throw new ApiError(400, 'validation_failed', 'Invalid query', [
      { path: 'to', message: `at most ${STATS_MAX_MONTHS} months at once` },
    ]);
  }
  const schools = await listSchools(db, schoolId);
  const range = {
    from: `${query.from}-01T00:00:00.000Z`,
    until: `${nextMonth(query.to)}-01T00:00:00.000Z`,
    schoolIds: schools.map((s) => s.id),
  };
  const [reports, escalations, outcomes] = await Promise.all([
    reportFacts(db, range),
    escalationFacts(db, range),
    outcomeFacts(db, range),
  ]);

  const tallies = new Map<string, Tally>();
  // Each fact counts in its school's tally and, for the CdR and administrator, in the total.
  const tallyOf = (org: string, at: string): Tally[] => {
    const month = at.slice(0, 7);
    const keys = schoolId === undefined ? [`${org}|${month}`, `*|${month}`] : [`${org}|${month}`];
    return keys.map((k) => {
      let t = tallies.get(k);
      if (!t) tallies.set(k, (t = newTally()));
      return t;
    });
  };
  for (const r of reports) {
    for (const t of tallyOf(r.org_id, r.created_hour)) {
      t.reports += 1;
      if (r.urgent) t.urgent += 1;
      bump(t.category, r.category ?? NO_CATEGORY);
      bump(t.risk, r.risk ?? NO_CATEGORY);
      if (r.first_answer_at !== null) {
        const hours = (Date.parse(r.first_answer_at) - Date.parse(r.created_hour)) / HOUR_MS;
        t.hours.push(Math.max(0, hours));
      }
    }
  }
  for (const e of escalations) {
    for (const t of tallyOf(e.school_org_id, e.created_at)) {
      t.escalations += 1;
      bump(t.result, e.status === 'closed' ? (e.result ?? OPEN_RESULT) : OPEN_RESULT);
    }
  }
  for (const o of outcomes) {
    for (const t of tallyOf(o.school_org_id, o.created_at)) bump(t.service, o.service);
  }

  // Every school and month is a row, also when empty, so a missing row tells nothing.
  const rows: StatsRowDto[] = [];
  for (const month of months) {
    rows.push(...monthRows(month, schools, tallies, schoolId === undefined));
  }
  return { from: query.from, to: query.to, rows };
}
