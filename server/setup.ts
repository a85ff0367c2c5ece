// Brings a database to a usable state: migrations, then, for `npm start` in demo mode, the demo
// municipality (whose files go into the data directory); and loads the installation's secrets.
import { randomBytes } from 'node:crypto';
import { fromB64, toB64 } from '../shared/envelope/base64url.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { DatabaseHandle } from './db/dialect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { getSetting, setSettingIfAbsent } from './db/repositories/settings.ts';
import { writeDemoFiles } from './demo/demo-files.ts';
import { isEmptyDatabase } from './db/tables-list.ts';
import { seedDemo } from './demo/seed-demo.ts';

/**
 * [Note: demo only when empty] The demo municipality (its codes, ten accounts with printed
 * passwords, a root key in DATA_DIR) is made only by `npm start`'s preparation step, only with
 * DEMO on, and only into a database where no table holds a row. A real deployment's database
 * always holds something once its administrator exists, so no demo ever lands in it, whatever
 * DEMO says; and the production command (`node dist/server/main.js`) only migrates.
 * 'kept': DEMO is on but the database holds data already (a demo made earlier, or a real set-up).
 */
export async function prepareDatabase(
  config: Pick<Config, 'demo' | 'dataDir'>,
  handle: DatabaseHandle,
  clock: () => Date,
): Promise<'seeded' | 'ready' | 'kept'> {
  await migrateToLatest(handle.db);
  if (!config.demo) return 'ready';
  if (!(await isEmptyDatabase(handle.db))) return 'kept';
  const { loadSodium } = await import('./crypto/sodium.ts');
  const result = await seedDemo({
    db: handle.db,
    dialect: handle.dialect,
    sodium: await loadSodium(),
    clock,
  });
  writeDemoFiles(config.dataDir, result);
  return 'seeded';
}

/**
 * The HMAC key of proof-of-work challenges [Note: proof of work]: 32 random bytes made on first
 * start and kept in settings, so challenges stay valid across a restart and across the processes
 * of one PostgreSQL deployment.
 */
export async function loadPowSecret(db: Db): Promise<Uint8Array> {
  const stored = await getSetting(db, 'pow_secret');
  if (stored) return fromB64(stored);
  await setSettingIfAbsent(db, 'pow_secret', toB64(randomBytes(32)));
  return fromB64((await getSetting(db, 'pow_secret')) ?? '');
}
