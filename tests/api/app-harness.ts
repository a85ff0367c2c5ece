// Builds the real app over a test database, with a settable clock and a captured log. The pupil
// flow gets a fixed proof-of-work secret, a few zero bits (fast to solve, still checked), and
// generous rate limits and a difficulty that hardly follows load unless a test asks otherwise.
import type { Hono } from 'hono';
import type { PushEndpointRules } from '../../server/alerts/push-endpoints.ts';
import type { AlertSender } from '../../server/alerts/types.ts';
import type { AppEnv } from '../../server/app-env.ts';
import { createApp } from '../../server/app.ts';
import { createWriter, type Writer } from '../../server/db/group-commit.ts';
import type { Db } from '../../server/db/database.ts';
import type { DatabaseHandle, DialectName } from '../../server/db/dialect.ts';
import type { PupilRateLimits } from '../../server/middleware/rate-limit.ts';
import type { QuickExitConfig } from '../../server/quick-exit.ts';
import { createRequestLog, type LogLine } from '../../server/middleware/request-log.ts';
import type { UploadSettings } from '../../server/services/attachment-upload.ts';
import { captureAlerts } from '../tools/alert-capture.ts';
import { openTestDb } from './test-db.ts';

export const TEST_POW_BITS = 4;
export const TEST_POW_SECRET = new Uint8Array(32).fill(7);

const GENEROUS: PupilRateLimits = {
  maxExtraBits: 4,
  reportsPerBit: 10_000,
  receiptsPerBit: 10_000,
  threadReadsPerReceipt: 10_000,
  messagesPerReceipt: 10_000,
  attachmentsPerReceipt: 10_000,
};

export interface TestApp {
  app: Hono<AppEnv>;
  handle: DatabaseHandle;
  logs: LogLine[];
  /** The app's alert sender: by default one that records events (tests/tools/alert-capture.ts). */
  alerts: AlertSender;
  /** What the app's clock answers now. */
  readonly now: Date;
  /** Moves the app's clock forward. */
  advance(ms: number): void;
  /** Writes the request log's hourly counters now, as the hourly timer would [Note: privacy-safe logging]. */
  flushLog(): void;
  close(): Promise<void>;
}

export interface TestAppOptions {
  webDir?: string;
  limits?: Partial<PupilRateLimits>;
  powBits?: number;
  /** Builds the alert sender over the test database (a real one for the e-mail and push tests). */
  alerts?: (
    db: Db,
    log: (line: LogLine) => void,
    clock: () => Date,
    /** The app's writer, as the server passes it [Note: group commit]. */
    writer: Writer,
  ) => AlertSender;
  /** Also hands every log line to this logger (the privacy test passes the server's own). */
  log?: (line: LogLine) => void;
  /** An already migrated database to use (a second app over another app's database). */
  handle?: DatabaseHandle;
  /** Upload caps and budgets other than the defaults. */
  uploads?: Partial<UploadSettings>;
  /** Push endpoint rules other than the known push services (a local fake push service). */
  pushRules?: PushEndpointRules;
  /** Quick-exit destinations other than the default [Note: quick exit destination]. */
  quickExit?: QuickExitConfig;
}

export async function createTestApp(
  dialect: DialectName,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const handle = options.handle ?? (await openTestDb(dialect));
  const logs: LogLine[] = [];
  let now = new Date('2026-11-23T10:17:42.000Z');
  const log = (line: LogLine) => {
    logs.push(line);
    options.log?.(line);
  };
  const writer = createWriter(handle.db, handle.dialect);
  const alerts = options.alerts?.(handle.db, log, () => now, writer) ?? captureAlerts();
  const requestLog = createRequestLog(log, () => now);
  const app = createApp({
    writer,
    requestLog,
    db: handle.db,
    dialect: handle.dialect,
    clock: () => now,
    log,
    alerts,
    pupil: {
      powBits: options.powBits ?? TEST_POW_BITS,
      powSecret: TEST_POW_SECRET,
      limits: { ...GENEROUS, ...options.limits },
      ...(options.quickExit ? { quickExit: options.quickExit } : {}),
    },
    secureTransport: true,
    ...(options.webDir ? { webDir: options.webDir } : {}),
    ...(options.uploads ? { uploads: options.uploads } : {}),
    ...(options.pushRules ? { pushRules: options.pushRules } : {}),
  });
  return {
    app,
    handle,
    logs,
    alerts,
    get now() {
      return now;
    },
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
    flushLog: () => requestLog.flush(),
    close: () => handle.close(),
  };
}
