// Builds the real app over a test database, with a settable clock and a captured log. The pupil
// flow gets a fixed proof-of-work secret, a few zero bits (fast to solve, still checked) and
// generous rate limits unless a test asks for tight ones.
import type { Hono } from 'hono';
import type { AppEnv } from '../../server/app-env.ts';
import { createApp } from '../../server/app.ts';
import type { DatabaseHandle, DialectName } from '../../server/db/dialect.ts';
import type { PupilRateLimits } from '../../server/middleware/rate-limit.ts';
import type { LogLine } from '../../server/middleware/request-log.ts';
import { openTestDb } from './test-db.ts';

export const TEST_POW_BITS = 4;
export const TEST_POW_SECRET = new Uint8Array(32).fill(7);

const GENEROUS: PupilRateLimits = {
  reportsPerSchool: 10_000,
  receiptsPerSchool: 10_000,
  threadReadsPerReceipt: 10_000,
  messagesPerReceipt: 10_000,
  attachmentsPerReceipt: 10_000,
};

export interface TestApp {
  app: Hono<AppEnv>;
  handle: DatabaseHandle;
  logs: LogLine[];
  /** What the app's clock answers now. */
  readonly now: Date;
  /** Moves the app's clock forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export interface TestAppOptions {
  webDir?: string;
  limits?: Partial<PupilRateLimits>;
  powBits?: number;
}

export async function createTestApp(
  dialect: DialectName,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const handle = await openTestDb(dialect);
  const logs: LogLine[] = [];
  let now = new Date('2026-11-23T10:17:42.000Z');
  const app = createApp({
    db: handle.db,
    dialect: handle.dialect,
    clock: () => now,
    log: (line) => logs.push(line),
    pupil: {
      powBits: options.powBits ?? TEST_POW_BITS,
      powSecret: TEST_POW_SECRET,
      limits: { ...GENEROUS, ...options.limits },
    },
    secureTransport: true,
    ...(options.webDir ? { webDir: options.webDir } : {}),
  });
  return {
    app,
    handle,
    logs,
    get now() {
      return now;
    },
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
    close: () => handle.close(),
  };
}
