// The app's tables as the database itself lists them (not a list kept by hand, which a new
// migration could outgrow): for the demo's "only into an empty database" rule and the copy from
// SQLite to PostgreSQL, which must both see every table there is.
import { sql } from 'kysely';
import type { DbOrTrx } from './database.ts';

/** Kysely's own bookkeeping: which migrations ran, and their lock. */
export const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** Every table of the app (not the migration bookkeeping), sorted by name. */
export async function appTables(db: DbOrTrx): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables
    .filter((t) => !t.isView && !MIGRATION_TABLES.includes(t.name))
    .map((t) => t.name)
    .sort();
}

export async function countRows(db: DbOrTrx, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
    table,
  )}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * True when no table of the app holds a row: nothing was ever set up or served from it. A
 * database with an administrator, a setting or anything else is not empty.
 */
export async function isEmptyDatabase(db: DbOrTrx): Promise<boolean> {
  for (const table of await appTables(db)) {
    if ((await countRows(db, table)) > 0) return false;
  }
  return true;
}
