// [Note: retention] Reports are kept only as long as needed, then deleted with everything that
// belongs to them (messages, notes, attachment bytes, escalations and outcomes, pupil sessions,
// read marks); the keys sealed and wrapped in those rows go with them, so nothing left anywhere
// could open a copy (crypto-erasure). The period runs from the report's updated_at, its last
// change (closing is a change; so is a pupil's or counsellor's later message), or from the
// closing of its last escalation when that is later:
//   - a closed report: closedMonths (default 12);
//   - a report flagged false_report or test, whatever its status: flaggedMonths (default 3);
//   - any other report is kept, and so is every report with an escalation still open.
// The policy lives in settings 'retention_policy'; 'retention_last_run' makes the daily job
// survive restarts. The municipality's audit chain gets 'retention.run' with the count only.
import * as v from 'valibot';
import {
  DEFAULT_RETENTION,
  RetentionPolicySchema,
  type RetentionPolicyDto,
} from '../../shared/protocol/admin.ts';
import type { Db, DbOrTrx } from '../db/database.ts';
import type { DialectName } from '../db/dialect.ts';
import { appendAudit } from '../db/repositories/audit.ts';
import {
  compactSqlite,
  deleteReportsWithContent,
  expiredReportIds,
  lockRetention,
} from '../db/repositories/retention.ts';
import { getSetting, setSetting } from '../db/repositories/settings.ts';

export const RETENTION_POLICY_KEY = 'retention_policy';
export const RETENTION_LAST_RUN_KEY = 'retention_last_run';
export const RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface RetentionDeps {
  db: Db;
  dialect: DialectName;
  clock: () => Date;
}

export async function loadRetentionPolicy(db: DbOrTrx): Promise<RetentionPolicyDto> {
  const stored = await getSetting(db, RETENTION_POLICY_KEY);
  if (stored === undefined) return DEFAULT_RETENTION;
  try {
    const parsed = v.safeParse(RetentionPolicySchema, JSON.parse(stored));
    // A damaged value must not stop retention: the defaults are the documented policy.
    return parsed.success ? parsed.output : DEFAULT_RETENTION;
  } catch {
    return DEFAULT_RETENTION;
  }
}

export async function saveRetentionPolicy(db: DbOrTrx, policy: RetentionPolicyDto) {
  await setSetting(db, RETENTION_POLICY_KEY, JSON.stringify(policy));
}

/** `months` calendar months before `at` (UTC); the day is clamped by Date's own rules. */
export function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

export type RetentionResult = { ran: false } | { ran: true; deleted: number };

/**
 * Runs the job when `force` or when the last run is 24 h old or more. The check, the deletions,
 * the audit entry and the new last-run time are one transaction, so two processes cannot both
 * run it and a crash leaves either all or nothing.
 */
export async function runRetention(
  deps: RetentionDeps,
  options: { force?: boolean } = {},
): Promise<RetentionResult> {
  const now = deps.clock();
  const result = await deps.db.transaction().execute(async (trx): Promise<RetentionResult> => {
    if (deps.dialect === 'postgres') await lockRetention(trx);
    const last = await getSetting(trx, RETENTION_LAST_RUN_KEY);
    if (!options.force && last !== undefined) {
      const since = now.getTime() - Date.parse(last);
      if (since >= 0 && since < RETENTION_INTERVAL_MS) return { ran: false };
    }
    const policy = await loadRetentionPolicy(trx);
    const ids = await expiredReportIds(trx, {
      closedBefore: monthsBefore(now, policy.closedMonths).toISOString(),
      flaggedBefore: monthsBefore(now, policy.flaggedMonths).toISOString(),
    });
    await deleteReportsWithContent(trx, ids);
    await appendAudit(
      trx,
      {
        orgId: null,
        actorId: null,
        action: 'retention.run',
        // The count only: the ids of deleted reports would outlive them in the chain.
        subjectType: 'deleted_reports',
        subjectId: String(ids.length),
        at: now,
      },
      deps.dialect,
    );
    await setSetting(trx, RETENTION_LAST_RUN_KEY, now.toISOString());
    return { ran: true, deleted: ids.length };
  });
  if (result.ran && result.deleted > 0 && deps.dialect === 'sqlite') {
    await compactSqlite(deps.db);
  }
  return result;
}
