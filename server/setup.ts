// Brings a database to a usable state: migrations, then on first start in demo mode the demo
// municipality (whose files go into the data directory).
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/dialect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { writeDemoFiles } from './demo/demo-files.ts';
import { isSeeded, seedDemo } from './demo/seed-demo.ts';

export async function prepareDatabase(
  config: Config,
  handle: DatabaseHandle,
  clock: () => Date,
): Promise<'seeded' | 'ready'> {
  await migrateToLatest(handle.db);
  if (!config.demo || (await isSeeded(handle.db))) return 'ready';
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
