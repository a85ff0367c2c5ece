// [Note: inbox order index] The inbox (db/repositories/inbox.ts) lists a school's reports in its
// working order, computed with two CASE expressions; no index could give that order, so every
// inbox request read and sorted all of the school's reports (a benchmark with a million reports:
// hundreds of milliseconds a page). This index holds exactly the ORDER BY of listInbox, behind the
// org_id it filters on, so both SQLite and PostgreSQL read the first page in index order and stop
// at the LIMIT. The expressions must stay identical to listInbox's, or the planners ignore the
// index. Frozen once released; imports nothing of the app; runs on SQLite and PostgreSQL alike.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index reports_inbox_order on reports (
    org_id,
    (case when urgent = 1 and status <> 'closed' then 0 else 1 end),
    (case when waiting_since is null then 1 else 0 end),
    waiting_since,
    created_hour desc,
    id
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reports_inbox_order').execute();
}
