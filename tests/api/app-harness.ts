// Builds the real app over a test database, with a fixed clock and a captured log.
import type { Hono } from 'hono';
import type { AppEnv } from '../../server/app-env.ts';
import { createApp } from '../../server/app.ts';
import type { DatabaseHandle, DialectName } from '../../server/db/dialect.ts';
import type { LogLine } from '../../server/middleware/request-log.ts';
import { openTestDb } from './test-db.ts';

export interface TestApp {
  app: Hono<AppEnv>;
  handle: DatabaseHandle;
  logs: LogLine[];
  now: Date;
  close(): Promise<void>;
}

export async function createTestApp(
  dialect: DialectName,
  options: { webDir?: string } = {},
): Promise<TestApp> {
  const handle = await openTestDb(dialect);
  const logs: LogLine[] = [];
  const now = new Date('2026-11-23T10:17:42.000Z');
  const app = createApp({
    db: handle.db,
    dialect: handle.dialect,
    clock: () => now,
    log: (line) => logs.push(line),
    secureTransport: true,
    ...(options.webDir ? { webDir: options.webDir } : {}),
  });
  return { app, handle, logs, now, close: () => handle.close() };
}
