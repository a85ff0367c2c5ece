// A running instance for browser tests: a fresh SQLite database with the demo municipality (small
// Argon2id limits, so set-up takes a second), the web app built pinning its root key, and the real
// app listening on a free loopback port.
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { build } from 'vite';
import { createApp } from '../../server/app.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase } from '../../server/db/dialect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import type { LogLine } from '../../server/middleware/request-log.ts';
import { seedDemo, type DemoResult } from '../../server/demo/seed-demo.ts';

export const TEST_ARGON = { opslimit: 1, memlimit: 8 * 1024 * 1024 };

export interface DemoServer {
  baseUrl: string;
  demo: DemoResult;
  dataDir: string;
  logs: LogLine[];
  stop(): Promise<void>;
}

export async function startDemoServer(): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-'));
  const handle = openDatabase({ dataDir });
  await migrateToLatest(handle.db);
  const clock = () => new Date();
  const demo = await seedDemo({
    db: handle.db,
    dialect: handle.dialect,
    sodium: await loadSodium(),
    clock,
    limits: TEST_ARGON,
  });
  const webDir = join(dataDir, 'web');
  process.env['ROOT_PUBLIC_KEY'] = demo.rootPublicKey;
  try {
    await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir: webDir } });
  } finally {
    delete process.env['ROOT_PUBLIC_KEY'];
  }
  const logs: LogLine[] = [];
  const app = createApp({
    db: handle.db,
    dialect: handle.dialect,
    clock,
    log: (line) => logs.push(line),
    secureTransport: false,
    webDir,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    demo,
    dataDir,
    logs,
    stop: () =>
      new Promise<void>((resolve) => server.close(() => void handle.close().then(() => resolve()))),
  };
}
