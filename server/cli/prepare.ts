// `npm start`, step 1: migrate and, in demo mode, create the demo municipality, so the web build
// that follows can pin the root key it made.
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/dialect.ts';
import { prepareDatabase } from '../setup.ts';
import { runCli } from './run-cli.ts';

await runCli(async () => {
  const config = loadConfig();
  const handle = openDatabase(config);
  try {
    const state = await prepareDatabase(config, handle, () => new Date());
    console.log(state === 'seeded' ? 'Demo municipality created.' : 'Database ready.');
  } finally {
    await handle.close();
  }
});
