// [Note: alert delay] Alerts about what a pupil did wait in the database, not in memory, so a
// delayed alert survives a restart and any process delivers it. A row names the organisation and
// the kind of event, never the report; a batch key lets the ordinary alerts of one hour share a
// row. Frozen once released; imports nothing of the app; runs on SQLite and PostgreSQL alike.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_queue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('school_org_id', 'text')
    .addColumn('urgent', 'integer', (c) => c.notNull())
    .addColumn('batch_key', 'text', (c) => c.unique())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('claimed_until', 'text')
    .execute();
  await sql`create index alert_queue_due on alert_queue (due_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_queue').execute();
}
