// Online backup and restore checks of the SQLite file. They live here because only server/db/
// may load better-sqlite3; the CLIs (server/cli/backup.ts, restore.ts) only handle paths and text.
import { rmSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { touchPrivateFile } from '../private-files.ts';

/** Kysely's bookkeeping table: every database of this app has it after its first start. */
const MIGRATIONS_TABLE = 'kysely_migration';

/**
 * Copies the live database to `destination` with SQLite's online backup API, so the copy is one
 * consistent snapshot even while the server keeps writing (WAL lets it go on meanwhile). The file
 * is created owner-only before any page lands in it, and an existing file is never overwritten.
 */
export async function backupSqlite(source: string, destination: string): Promise<number> {
  touchPrivateFile(destination, 'wx');
  let db: SqliteDatabase.Database | undefined;
  try {
    db = new SqliteDatabase(source, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    // All remaining pages in one step: a step holds one read snapshot, whereas small steps would
    // restart from scratch after every write by the server and might never finish under load.
    const result = await db.backup(destination, { progress: () => 0x7fffffff });
    return result.totalPages;
  } catch (error) {
    rmSync(destination, { force: true });
    throw error;
  } finally {
    db?.close();
  }
}

export interface SqliteCheck {
  migrations: number;
  reports: number;
}

/**
 * Opens `path` and throws a plain message unless it is an intact database of this app: an SQLite
 * file, with the migrations table, passing PRAGMA integrity_check. Open it read-write only when
 * it is a disposable copy: SQLite may touch a WAL-mode file's side files while reading it.
 * `label` names the file in messages (the backup, not the staging copy being checked).
 */
export function checkSqliteDatabase(path: string, label = path): SqliteCheck {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(path, { fileMustExist: true });
  } catch {
    throw new Error(`${label} cannot be opened as an SQLite database`);
  }
  try {
    let hasMigrations: unknown;
    try {
      hasMigrations = db
        .prepare(`select 1 from sqlite_master where type = 'table' and name = ?`)
        .pluck()
        .get(MIGRATIONS_TABLE);
    } catch {
      throw new Error(`${label} is not an SQLite database`);
    }
    if (!hasMigrations) throw new Error(`${label} is not a database of this app (no migrations)`);
    const integrity = db.prepare('pragma integrity_check').pluck().all();
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new Error(`${label} fails the integrity check: ${String(integrity[0])}`);
    }
    const count = (table: string) =>
      Number(db.prepare(`select count(*) from ${table}`).pluck().get());
    return { migrations: count(MIGRATIONS_TABLE), reports: count('reports') };
  } finally {
    db.close();
  }
}
