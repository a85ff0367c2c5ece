// The database of the benchmarked server: a temp SQLite file, or a database in a throw-away
// PostgreSQL server started like the API tests' one (tests/tools/postgres-server.ts), but with
// fsync on, as in production (the submissions are writes that must survive a crash). This
// process migrates it and sets up the demo municipality (small Argon2id limits, so signing in
// takes milliseconds; sign-in is not measured), keeping the demo accounts in memory instead of
// reading them back from the printed credentials. It keeps its own connection for seeding
// reports; the server process opens its own, as in production.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../server/db/dialect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { seedDemo, type DemoResult } from '../../server/demo/seed-demo.ts';
import { TEST_ARGON } from '../tools/demo-server.ts';
import { startPostgres } from '../tools/postgres-server.ts';

export interface BenchDatabase {
  dialect: DialectName;
  /** A temp directory: the SQLite file, the server's log. */
  dir: string;
  handle: DatabaseHandle;
  /** What the server process needs to open the same database (DATA_DIR, DATABASE_URL). */
  env: Record<string, string>;
  demo: DemoResult;
  close(): Promise<void>;
}

async function createPostgresDatabase(adminUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('create database bench');
  } finally {
    await admin.end();
  }
  return adminUrl.replace(/\/postgres$/, '/bench');
}

export async function createBenchDatabase(dialect: DialectName): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const dataDir = join(dir, 'data');
  const postgres = dialect === 'postgres' ? await startPostgres({ durable: true }) : undefined;
  try {
    const databaseUrl = postgres ? await createPostgresDatabase(postgres.adminUrl) : undefined;
    const handle = openDatabase({ databaseUrl, dataDir });
    await migrateToLatest(handle.db);
    if (dialect === 'sqlite') {
      // This connection only seeds: a larger page cache keeps a million inserts into the random
      // id and receipt-hash indexes fast. The server's own connection keeps its defaults.
      await sql`pragma cache_size = -262144`.execute(handle.db);
    }
    const demo = await seedDemo({
      db: handle.db,
      dialect,
      sodium: await loadSodium(),
      clock: () => new Date(),
      limits: TEST_ARGON,
    });
    return {
      dialect,
      dir,
      handle,
      env: { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
      demo,
      async close() {
        await handle.close();
        postgres?.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
