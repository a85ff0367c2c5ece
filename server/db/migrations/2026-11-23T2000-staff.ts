// The staff workspace: sessions, invitations, who has read what, and content-free alert settings.
// Frozen once released; imports nothing of the app; runs on SQLite and PostgreSQL alike.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
  // Only the SHA-256 of the cookie's token is stored [Note: staff sessions].
  await db.schema
    .createTable('staff_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('staff_sessions_staff')
    .on('staff_sessions')
    .column('staff_id')
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('mac', 'text')
    .execute();

  await db.schema
    .createTable('report_reads')
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_reads_pk', ['report_id', 'staff_id'])
    .execute();

  // The time step of the last accepted TOTP code, so a code cannot be replayed.
  await db.schema.alterTable('staff').addColumn('totp_last_step', 'integer').execute();

  // Staff notes are signed by their author, like staff replies.
  await db.schema.alterTable('notes').addColumn('signature', bytes).execute();

  // When the pupil last wrote and nobody has answered since (the inbox's waiting time).
  await db.schema.alterTable('reports').addColumn('waiting_since', 'text').execute();

  await db.schema
    .createTable('alert_settings')
    .addColumn('staff_id', 'text', (c) => c.primaryKey().references('staff.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('email_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('push_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('urgent_only', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('push_subscriptions')
    .addColumn('endpoint', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('p256dh', 'text', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'push_subscriptions',
    'alert_settings',
    'report_reads',
    'invitations',
    'staff_sessions',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.alterTable('reports').dropColumn('waiting_since').execute();
  await db.schema.alterTable('notes').dropColumn('signature').execute();
  await db.schema.alterTable('staff').dropColumn('totp_last_step').execute();
}
