// [Note: alert links] An escalation's alert links straight to it (/staff/escalations/<id>): the row
// keeps the escalation's id, a staff member's act at a staff member's time. Reports and messages
// keep no id here: their alert's due time is finer than the hour for an urgent one, and an id
// beside it would date a pupil's report to the minute. Frozen once released; imports nothing of
// the app; runs on SQLite and PostgreSQL alike.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alert_queue').addColumn('escalation_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alert_queue').dropColumn('escalation_id').execute();
}
