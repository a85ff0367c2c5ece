// Escalations carry the signatures of their package and reason and the attachment ids the CdR may
// fetch; outcome notes are signed; the help directory; and invitations that renew the keys of an
// existing member who lost both password and recovery key. Frozen once released; imports nothing
// of the app; runs on SQLite and PostgreSQL alike.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
  await db.schema.alterTable('escalations').addColumn('package_signature', bytes).execute();
  await db.schema.alterTable('escalations').addColumn('reason_signature', bytes).execute();
  // JSON array of attachment ids; plain text on both dialects.
  await db.schema
    .alterTable('escalations')
    .addColumn('attachment_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('escalation_outcomes').addColumn('signature', bytes).execute();

  await db.schema
    .createTable('help_directory')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('cdr', 'partner', 'helpline')`),
    )
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('hours', 'text')
    .addColumn('offer_pl', 'text', (c) => c.notNull())
    .addColumn('offer_uk', 'text', (c) => c.notNull())
    .addColumn('offer_en', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // [Note: author key snapshot] Each staff-written row keeps the author's public keys and
  // endorsement as they were when it was written (JSON), so a member whose keys are later renewed
  // or whose organisation key rotates still has verifiable old signatures.
  for (const table of ['messages', 'notes', 'escalation_outcomes']) {
    await db.schema.alterTable(table).addColumn('author_keys', 'text').execute();
  }
  await db.schema.alterTable('escalations').addColumn('created_by_keys', 'text').execute();

  // An invitation that, once accepted, gives an existing member new keys (set to their staff id).
  await db.schema.alterTable('invitations').addColumn('renews_staff_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invitations').dropColumn('renews_staff_id').execute();
  await db.schema.alterTable('escalations').dropColumn('created_by_keys').execute();
  for (const table of ['messages', 'notes', 'escalation_outcomes']) {
    await db.schema.alterTable(table).dropColumn('author_keys').execute();
  }
  await db.schema.dropTable('help_directory').ifExists().execute();
  await db.schema.alterTable('escalation_outcomes').dropColumn('signature').execute();
  for (const column of ['attachment_ids', 'reason_signature', 'package_signature']) {
    await db.schema.alterTable('escalations').dropColumn(column).execute();
  }
}
