// Admission state every server process shares [Note: admission]: per key (a school's reports or
// receipt openings, a report's reads, messages or uploads) the count of the current clock hour
// and of the one before, and for a school's reports whether its flood alert went out. Frozen once
// released; imports nothing of the app; runs on SQLite and PostgreSQL alike.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('admission_load')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('prev_count', 'integer', (c) => c.notNull())
    .addColumn('burst', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('admission_load_window')
    .on('admission_load')
    .column('window_start')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('admission_load').ifExists().execute();
}
