import type { DbOrTrx } from '../database.ts';
import type { NewReport, Report, ReportUpdate } from '../tables/reports.ts';

export async function insertReport(db: DbOrTrx, report: NewReport): Promise<void> {
  await db.insertInto('reports').values(report).execute();
}

export function findReport(db: DbOrTrx, id: string): Promise<Report | undefined> {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The report with this receipt lookup hash in this organisation only. */
export function findReportByLookup(
  db: DbOrTrx,
  orgId: string,
  lookupHash: string,
): Promise<Report | undefined> {
  return db
    .selectFrom('reports')
    .selectAll()
    .where('lookup_hash', '=', lookupHash)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}

/** Which of a new report's unique values are already taken (in any organisation). */
export async function reportClashes(
  db: DbOrTrx,
  id: string,
  lookupHash: string,
): Promise<{ id: boolean; lookupHash: boolean }> {
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'lookup_hash'])
    .where((eb) => eb.or([eb('id', '=', id), eb('lookup_hash', '=', lookupHash)]))
    .execute();
  return {
    id: rows.some((r) => r.id === id),
    lookupHash: rows.some((r) => r.lookup_hash === lookupHash),
  };
}

export async function updateReport(db: DbOrTrx, id: string, update: ReportUpdate): Promise<void> {
  await db.updateTable('reports').set(update).where('id', '=', id).execute();
}

/** Whether the report went to a CdR, and which CdR holds the pupil conversation (if handed over). */
export async function escalationState(
  db: DbOrTrx,
  reportId: string,
): Promise<{ escalated: boolean; cdrOrgId: string | null }> {
  const rows = await db
    .selectFrom('escalations')
    .select(['cdr_org_id', 'thread_key_sealed_cdr'])
    .where('report_id', '=', reportId)
    .orderBy('created_at', 'desc')
    .execute();
  const handedOver = rows.find((r) => r.thread_key_sealed_cdr !== null);
  return { escalated: rows.length > 0, cdrOrgId: handedOver?.cdr_org_id ?? null };
}
