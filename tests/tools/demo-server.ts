// A running instance for browser tests: a fresh SQLite database with the demo municipality (small
// Argon2id limits, so set-up takes a second), the web app built pinning its root key, and the real
// app listening on a free loopback port.
import { appendFileSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../../server/app.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase } from '../../server/db/dialect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { DEFAULT_RATE_LIMITS } from '../../server/middleware/rate-limit.ts';
import { createRequestLog, type LogLine } from '../../server/middleware/request-log.ts';
import { seedDemo, type DemoResult } from '../../server/demo/seed-demo.ts';
import { loadPowSecret } from '../../server/setup.ts';
import { captureAlerts, type CapturedAlerts } from './alert-capture.ts';
import { buildWeb } from './build-web.ts';

export const TEST_ARGON = { opslimit: 1, memlimit: 8 * 1024 * 1024 };

export interface DemoServer {
  baseUrl: string;
  demo: DemoResult;
  dataDir: string;
  logs: LogLine[];
  /** Alerts the app asked for (recorded, not sent). */
  alerts: CapturedAlerts;
  stop(): Promise<void>;
}

export interface DemoServerOptions {
  /** Proof-of-work difficulty; browser tests use 4 to stay fast, the benchmark the real default. */
  powBits?: number;
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
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
  await buildWeb(webDir, demo.rootPublicKey);
  const logs: LogLine[] = [];
  const alerts = captureAlerts();
  // Kept in memory and in DATA_DIR/server.log, where the privacy tests search it.
  const log = (line: LogLine) => {
    logs.push(line);
    appendFileSync(join(dataDir, 'server.log'), `${JSON.stringify(line)}\n`);
  };
  // The hourly counters of the request log, written every second here so the tests see them.
  const requestLog = createRequestLog(log, clock);
  const flushing = setInterval(() => requestLog.flush(), 1000);
  flushing.unref();
  const app = createApp({
    requestLog,
    db: handle.db,
    dialect: handle.dialect,
    clock,
    log,
    // A few zero bits keep the browser tests fast while still exercising the proof of work.
    pupil: {
      powBits: options.powBits ?? 4,
      powSecret: await loadPowSecret(handle.db),
      limits: DEFAULT_RATE_LIMITS,
    },
    alerts,
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
    alerts,
    stop: () => {
      clearInterval(flushing);
      requestLog.flush();
      return new Promise<void>((resolve) =>
        server.close(() => void handle.close().then(() => resolve())),
      );
    },
  };
}
