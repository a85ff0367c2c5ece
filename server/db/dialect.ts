// Opens the database: embedded SQLite by default, PostgreSQL when DATABASE_URL is set.
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import {
  privateDir,
  restrictToOwner,
  sqliteSideFiles,
  touchPrivateFile,
} from '../private-files.ts';
import type { Db } from './database.ts';
import { cachingDatabase } from './statement-cache.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: DialectName;
  /** The SQLite file, for backups and the privacy checks on its bytes; undefined on PostgreSQL. */
  sqlitePath: string | undefined;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Directory of the SQLite file; ':memory:' is accepted for throw-away tests. */
  dataDir: string;
}

export function openDatabase(options: OpenOptions): DatabaseHandle {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openSqlite(options.dataDir);
}

function openSqlite(dataDir: string): DatabaseHandle {
  let path = ':memory:';
  if (dataDir !== ':memory:') {
    privateDir(dataDir);
    path = join(dataDir, 'app.sqlite');
    // Owner-only before SQLite opens it, which then gives its side files the same mode
    // [Note: owner-only files]; an existing database and side files are tightened too.
    touchPrivateFile(path);
    restrictToOwner(...sqliteSideFiles(path));
  }
  const sqlite = new SqliteDatabase(path);
  // [Note: sqlite durability] WAL lets readers work while a report is written; synchronous=FULL
  // makes an answered report survive a power cut, not just a killed process; secure_delete
  // overwrites deleted content so retention really erases it from the file.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Statements are prepared once and reused [Note: statement cache].
  const db: Db = new Kysely({ dialect: new SqliteDialect({ database: cachingDatabase(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    sqlitePath: path === ':memory:' ? undefined : path,
    close: () => db.destroy(),
  };
}

function openPostgres(connectionString: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // A pool error (the server went away) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', sqlitePath: undefined, close: () => db.destroy() };
}
