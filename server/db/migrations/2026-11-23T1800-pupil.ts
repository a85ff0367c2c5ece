// The pupil flow: short-lived pupil sessions, spent proof-of-work challenges, and each staff
// member's endorsement by their organisation. Frozen once released, like the first migration; it
// imports nothing of the app and runs on SQLite and PostgreSQL alike.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Only the SHA-256 of the bearer token is stored, so a database copy cannot resume a session.
  await db.schema
    .createTable('pupil_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pupil_sessions_expiry')
    .on('pupil_sessions')
    .column('expires_at')
    .execute();
  await db.schema
    .createIndex('pupil_sessions_report')
    .on('pupil_sessions')
    .column('report_id')
    .execute();

  // A challenge id is kept until its token expires; after that the MAC check refuses it anyway.
  await db.schema
    .createTable('pow_spent')
    .addColumn('challenge_id', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pow_spent_expiry').on('pow_spent').column('expires_at').execute();

  await db.schema.alterTable('staff').addColumn('org_endorsement', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff').dropColumn('org_endorsement').execute();
  await db.schema.dropTable('pow_spent').ifExists().execute();
  await db.schema.dropTable('pupil_sessions').ifExists().execute();
}
