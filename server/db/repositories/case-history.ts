// A report's history for the case view: the audit entries about it (action, actor, time), and
// about its escalations to a CdR (handed over, closed with a result...), in this organisation's
// chain; by [Note: audit chain] they never hold content.
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
    .where((eb) =>
      eb.or([
        eb.and([eb('subject_type', '=', 'report'), eb('subject_id', '=', reportId)]),
        eb.and([
          eb('subject_type', '=', 'escalation'),
          eb(
            'subject_id',
            'in',
            eb.selectFrom('escalations as e').select('e.id').where('e.report_id', '=', reportId),
          ),
        ]),
      ]),
    )
    .orderBy('id')
    .execute();
}
