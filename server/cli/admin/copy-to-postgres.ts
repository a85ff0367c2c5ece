// `copy-to-postgres --from FILE`: moves a deployment from its SQLite file to the PostgreSQL
// database DATABASE_URL names [Note: sqlite to postgres]. The target must be new (created, never
// served from); the source a stopped server's app.sqlite or a fresh backup file.
import { existsSync } from 'node:fs';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/dialect.ts';
import { copySqliteToPostgres } from '../../db/sqlite-to-postgres.ts';
import { required, type Flags } from './args.ts';

export async function copyToPostgres(flags: Flags): Promise<void> {
  const from = required(flags, 'from');
  if (!existsSync(from)) throw new Error(`${from} does not exist`);
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new Error('set DATABASE_URL to the new PostgreSQL database to copy into');
  }
  const target = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const result = await copySqliteToPostgres(from, target.db);
    for (const { name, rows } of result.tables) console.log(`  ${name}: ${rows} rows`);
    console.log(
      `Copied ${result.tables.length} tables in one transaction; row counts match and ${result.auditChains} audit chains are whole.`,
    );
    console.log(
      'Start the server with this DATABASE_URL now; keep the SQLite file until you have checked it.',
    );
  } finally {
    await target.close();
  }
}
