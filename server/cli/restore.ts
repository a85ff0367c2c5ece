// `npm run restore -- FILE [--force]`: puts a backup in place as DATA_DIR/app.sqlite, with the
// server stopped. The backup is copied first and the copy checked, so the file that goes live is
// exactly the one that passed, and the backup itself is never opened or changed.
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { checkSqliteDatabase } from '../db/backup.ts';
import {
  PRIVATE_FILE_MODE,
  privateDir,
  restrictToOwner,
  sqliteSideFiles,
} from '../private-files.ts';
import { runCli } from './run-cli.ts';

function parse() {
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2).filter((a) => a !== '--'),
      options: { force: { type: 'boolean', default: false } },
      allowPositionals: true,
    });
    if (positionals.length !== 1 || !positionals[0]) throw new Error('one FILE');
    return { file: resolve(positionals[0]), force: values.force };
  } catch {
    throw new Error('usage: npm run restore -- FILE [--force]');
  }
}

await runCli(async () => {
  const config = loadConfig();
  if (config.databaseUrl) {
    console.log('This installation uses PostgreSQL; restore with pg_restore instead:');
    console.log('  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" FILE.dump');
    process.exit(2);
  }
  const { file, force } = parse();
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  privateDir(config.dataDir);
  const target = join(config.dataDir, 'app.sqlite');
  if (existsSync(target) && !force) {
    throw new Error(`${target} exists: stop the server and add --force to replace it`);
  }
  const staging = `${target}.restoring`;
  for (const stale of [staging, ...sqliteSideFiles(staging)]) rmSync(stale, { force: true });
  // Owner-only before a byte is copied (copyFile would take the backup's mode) [Note: owner-only
  // files].
  await pipeline(
    createReadStream(file),
    createWriteStream(staging, { flags: 'wx', mode: PRIVATE_FILE_MODE }),
  );
  restrictToOwner(staging);
  try {
    checkSqliteDatabase(staging, file);
  } catch (error) {
    for (const f of [staging, ...sqliteSideFiles(staging)]) rmSync(f, { force: true });
    throw error;
  }
  // A -wal left by the old database would be replayed into the restored one: remove it first.
  for (const stale of sqliteSideFiles(target)) rmSync(stale, { force: true });
  renameSync(staging, target);
  console.log(`Restored ${file} to ${target}. Restart the server to use it.`);
});
