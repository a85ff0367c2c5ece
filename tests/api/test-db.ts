// The same API test files run on both dialects [Note: both dialects]: each call opens a fresh,
// migrated database, an in-memory SQLite one or a new database in the run's PostgreSQL server.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../server/db/dialect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';

export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

export async function createPostgresDatabase(): Promise<string> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

export async function openTestDb(dialect: DialectName): Promise<DatabaseHandle> {
  const handle =
    dialect === 'postgres'
      ? openDatabase({ databaseUrl: await createPostgresDatabase(), dataDir: ':memory:' })
      : openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'sqlite-test-')) });
  await migrateToLatest(handle.db);
  return handle;
}
