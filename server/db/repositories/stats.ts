// The metadata the statistics are computed from [Note: small-count suppression]: per report, per
// escalation and per outcome record only school, time and codes, never content or ids. Counting
// happens in services/stats.ts, so both dialects share one piece of arithmetic.
import type { DbOrTrx } from '../database.ts';

export interface StatsRange {
  /** ISO time, inclusive. */
  from: string;
  /** ISO time, exclusive. */
  until: string;
  /** The schools in scope. */
  schoolIds: readonly string[];
}

export function listSchools(db: DbOrTrx, only?: string) {
  let q = db
    .selectFrom('organisations')
    .select(['id', 'code', 'name'])
    .where('kind', '=', 'school')
    .orderBy('code');
  if (only !== undefined) q = q.where('id', '=', only);
  return q.execute();
}

/** Reports created in the range, except those flagged false_report or test (not real cases). */
export function reportFacts(db: DbOrTrx, r: StatsRange) {
  if (r.schoolIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('reports')
    .select(['org_id', 'created_hour', 'urgent', 'category', 'risk', 'first_answer_at'])
    .where('flag', '=', 'none')
    .where('created_hour', '>=', r.from)
    .where('created_hour', '<', r.until)
    .where('org_id', 'in', [...r.schoolIds])
    .execute();
}

/** Escalations created in the range, by the school that escalated. */
export function escalationFacts(db: DbOrTrx, r: StatsRange) {
  if (r.schoolIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('escalations')
    .select(['school_org_id', 'created_at', 'status', 'result'])
    .where('created_at', '>=', r.from)
    .where('created_at', '<', r.until)
    .where('school_org_id', 'in', [...r.schoolIds])
    .execute();
}

/** Outcome records made in the range, by the school of their escalation. */
export function outcomeFacts(db: DbOrTrx, r: StatsRange) {
  if (r.schoolIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('escalation_outcomes as x')
    .innerJoin('escalations as e', 'e.id', 'x.escalation_id')
    .select(['e.school_org_id', 'x.created_at', 'x.service'])
    .where('x.created_at', '>=', r.from)
    .where('x.created_at', '<', r.until)
    .where('e.school_org_id', 'in', [...r.schoolIds])
    .execute();
}
