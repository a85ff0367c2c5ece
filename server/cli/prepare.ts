// `npm start`, step 1: migrate and, in demo mode and only into an empty database, create the
// demo municipality [Note: demo only when empty], so the web build that follows can pin the root
// key it made. The production command never runs this.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/dialect.ts';
import { prepareDatabase } from '../setup.ts';
import { runCli } from './run-cli.ts';

await runCli(async () => {
  const config = loadConfig();
  const handle = openDatabase(config);
  try {
    const state = await prepareDatabase(config, handle, () => new Date());
    if (state === 'seeded') console.log('Demo municipality created.');
    else console.log('Database ready.');
    if (state === 'kept' && !existsSync(join(config.dataDir, 'demo-credentials.txt'))) {
      console.log(
        'No demo created: the database holds data already (a demo is only ever made in an empty one).',
      );
    }
  } finally {
    await handle.close();
  }
});
