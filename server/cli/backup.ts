// `npm run backup -- [FILE]`: a consistent copy of the SQLite database while the server runs. On
// PostgreSQL the database server has its own tool, so this only says which command to run.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { backupSqlite, checkSqliteDatabase } from '../db/backup.ts';
import { privateDir, restrictToOwner, sqliteSideFiles } from '../private-files.ts';
import { runCli } from './run-cli.ts';

/** UTC, so two administrators in different time zones name the same moment alike. */
function stamp(now: Date): string {
  const iso = now.toISOString(); // 2026-11-23T10:17:42.000Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

await runCli(async () => {
  const config = loadConfig();
  if (config.databaseUrl) {
    // The URL holds the database password: name the variable, never print its value.
    console.log('This installation uses PostgreSQL; back it up with pg_dump instead:');
    console.log(
      '  pg_dump --format=custom --file=app-$(date -u +%Y%m%d-%H%M%S).dump "$DATABASE_URL"',
    );
    process.exit(2);
  }
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length > 1 || args[0]?.startsWith('-')) {
    throw new Error('usage: npm run backup -- [FILE]');
  }
  let destination: string;
  if (args[0]) {
    destination = resolve(args[0]);
  } else {
    const dir = join(config.dataDir, 'backups');
    privateDir(dir);
    destination = join(dir, `app-${stamp(new Date())}.sqlite`);
  }
  const source = join(config.dataDir, 'app.sqlite');
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  try {
    await backupSqlite(source, destination);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST') throw new Error(`${destination} exists already: choose another name`);
    throw error;
  }
  // The copy is fresh and ours: checking it read-write cannot harm the live database.
  const check = checkSqliteDatabase(destination);
  restrictToOwner(destination, ...sqliteSideFiles(destination));
  console.log(`Backup written to ${destination} (${check.reports} reports, integrity ok).`);
});
