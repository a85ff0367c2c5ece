// [Note: hand-over point] What the CdR may see of the pupil conversation after a hand-over is
// "everything from here on": the pupil thread's last seq when the escalation was made is kept, so
// an attachment sent with a later message is shown to the CdR (and only those; earlier photos go
// only when the counsellor selects them). Null for escalations made before this migration: they
// see later attachments from the first message on. An index on escalations.report_id serves the
// school's inbox marker and case view. Frozen once released; imports nothing of the app; runs on
// SQLite and PostgreSQL alike.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('escalations').addColumn('handover_seq', 'integer').execute();
  await db.schema.createIndex('escalations_report').on('escalations').column('report_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('escalations_report').execute();
  await db.schema.alterTable('escalations').dropColumn('handover_seq').execute();
}
