// A report's history for the case view: the audit entries about it (action, actor, time), which
// by [Note: audit chain] never hold content.
import type { DbOrTrx } from '../database.ts';

export function listReportHistory(
  db: DbOrTrx,
  orgId: string,
  reportId: string,
): Promise<{ action: string; actor_id: string | null; created_at: string }[]> {
  return db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'created_at'])
    .where('org_id', '=', orgId)
    .where('subject_type', '=', 'report')
    .where('subject_id', '=', reportId)
    .orderBy('id')
    .execute();
}
