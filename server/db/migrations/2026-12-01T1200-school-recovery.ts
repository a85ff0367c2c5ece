// The school recovery key [Note: school recovery key] and per-organisation alert settings. Frozen
// once released; imports nothing of the app; runs on SQLite and PostgreSQL alike.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;

  // One recovery key per organisation: its box public key (the organisation keys are sealed to
  // it), the hash of the authKey that proves its holder, and the organisation's endorsement.
  await db.schema
    .createTable('org_recovery')
    .addColumn('org_id', 'text', (c) =>
      c.primaryKey().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('box_public_key', 'text', (c) => c.notNull())
    .addColumn('auth_hash', 'text', (c) => c.notNull())
    .addColumn('endorsement', 'text', (c) => c.notNull())
    .addColumn('endorsement_version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  // Each organisation key version sealed to the recovery key's box public key.
  await db.schema
    .createTable('org_recovery_grants')
    .addColumn('org_id', 'text', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sealed_keys', bytes, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_recovery_grants_pk', ['org_id', 'version'])
    .execute();

  // A shared mailbox of the school (or the CdR) that gets content-free alerts too.
  await db.schema.alterTable('organisations').addColumn('alert_email', 'text').execute();
  await db.schema
    .alterTable('organisations')
    .addColumn('alert_urgent_only', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').dropColumn('alert_urgent_only').execute();
  await db.schema.alterTable('organisations').dropColumn('alert_email').execute();
  await db.schema.dropTable('org_recovery_grants').ifExists().execute();
  await db.schema.dropTable('org_recovery').ifExists().execute();
}
