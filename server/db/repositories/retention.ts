// What retention deletes [Note: retention]: the reports past their period and every row that
// belongs to them. The sealed and wrapped keys live in those rows, so deleting them is the
// crypto-erasure; the bytes themselves leave the SQLite file through compactSqlite.
import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../database.ts';

export interface RetentionCutoffs {
  /** ISO time: closed, unflagged reports last changed before it go. */
  closedBefore: string;
  /** ISO time: reports flagged false_report or test last changed before it go. */
  flaggedBefore: string;
}

/** Ids of the reports past their period whose escalations are all closed, each closed before the
 * same cutoff (a CdR's late closing counts as activity on the case). */
export async function expiredReportIds(db: DbOrTrx, cut: RetentionCutoffs): Promise<string[]> {
  const rows = await db
    .selectFrom('reports as r')
    .select('r.id')
    .where((eb) =>
      eb.or([
        eb.and([eb('r.flag', '<>', 'none'), eb('r.updated_at', '<', cut.flaggedBefore)]),
        eb.and([
          eb('r.flag', '=', 'none'),
          eb('r.status', '=', 'closed'),
          eb('r.updated_at', '<', cut.closedBefore),
        ]),
      ]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('escalations as e')
            .select('e.id')
            .whereRef('e.report_id', '=', 'r.id')
            .where((w) =>
              w.or([
                w('e.status', '<>', 'closed'),
                w('e.closed_at', 'is', null),
                w(
                  'e.closed_at',
                  '>=',
                  sql<string>`case when r.flag <> 'none' then ${cut.flaggedBefore} else ${cut.closedBefore} end`,
                ),
              ]),
            ),
        ),
      ),
    )
    .orderBy('r.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Deletes the reports and what belongs to them, children first (not relying on cascades, so
 * the list of what goes is written down here). */
export async function deleteReportsWithContent(db: DbOrTrx, ids: readonly string[]): Promise<void> {
  // Small chunks keep each statement far below the bound-parameter limits of both dialects.
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const escalations = db.selectFrom('escalations').select('id').where('report_id', 'in', chunk);
    await db.deleteFrom('escalation_outcomes').where('escalation_id', 'in', escalations).execute();
    await db.deleteFrom('escalations').where('report_id', 'in', chunk).execute();
    const attachments = db.selectFrom('attachments').select('id').where('report_id', 'in', chunk);
    await db.deleteFrom('attachment_chunks').where('attachment_id', 'in', attachments).execute();
    await db.deleteFrom('attachments').where('report_id', 'in', chunk).execute();
    await db.deleteFrom('messages').where('report_id', 'in', chunk).execute();
    await db.deleteFrom('notes').where('report_id', 'in', chunk).execute();
    await db.deleteFrom('pupil_sessions').where('report_id', 'in', chunk).execute();
    await db.deleteFrom('report_reads').where('report_id', 'in', chunk).execute();
    await db.deleteFrom('reports').where('id', 'in', chunk).execute();
  }
}

/** SQLite only, outside any transaction: secure_delete has zeroed the freed pages in the WAL;
 * the checkpoint moves them into the file and empties the WAL, VACUUM rebuilds the file without
 * free pages, and a second checkpoint moves the rebuilt pages in and empties the WAL again. */
export async function compactSqlite(db: Db): Promise<void> {
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  await sql`vacuum`.execute(db);
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

/** PostgreSQL: one retention run at a time across processes (released at commit). */
export async function lockRetention(db: DbOrTrx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('retention'))`.execute(db);
}
