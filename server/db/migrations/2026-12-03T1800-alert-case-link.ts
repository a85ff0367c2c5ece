// [Note: urgent alert links] An urgent alert about a pupil's report or message links straight to
// the case (/staff/reports/<id>): its row keeps the report's id sealed with a key that lives only
// in the memory of the process that queued it (server/alerts/case-link.ts), never in clear and
// never on disk. The row's due time is finer than the hour for its few minutes [Note: alert delay];
// a copy of the database taken meanwhile holds no id beside it that it can read. Ordinary alerts,
// one per hour for several reports, link to the inbox as before. Frozen once released; imports
// nothing of the app; runs on SQLite and PostgreSQL alike.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alert_queue').addColumn('case_link_sealed', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alert_queue').dropColumn('case_link_sealed').execute();
}
