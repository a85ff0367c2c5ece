// [Note: attachment chunks] An attachment's encrypted stream is stored as numbered chunk rows
// rather than one blob, so an upload can be written and a download read a chunk at a time: the
// server never holds a whole file in memory (services/attachment-upload.ts). The chunks stay in
// the database, so backups, retention's deletion and SQLite's secure_delete cover them as they
// covered the blob. Existing streams move into one chunk each and the old column is emptied (it
// stays, NOT NULL, because SQLite cannot drop it without rebuilding the table). Frozen once
// released; imports nothing of the app; runs on SQLite and PostgreSQL alike.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('attachment_chunks')
    .addColumn('attachment_id', 'text', (c) =>
      c.notNull().references('attachments.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('attachment_chunks_pk', ['attachment_id', 'seq'])
    .execute();
  await sql`insert into attachment_chunks (attachment_id, seq, data)
    select id, 0, data from attachments`.execute(db);
  await sql`update attachments set data = ${new Uint8Array(0)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachment_chunks').execute();
}
