// The only reader of process.env. It parses the environment once, and stops the start with a
// message that names the variable and what it expects.
import { resolve } from 'node:path';
import * as v from 'valibot';
import { DEFAULT_PUSH_HOSTS } from './alerts/push-endpoints.ts';
import { DEFAULT_RATE_LIMITS, type PupilRateLimits } from './middleware/rate-limit.ts';
import { parseQuickExit, type QuickExitConfig } from './quick-exit.ts';
import { INBOX_CACHE_PAGES } from './services/inbox-cache.ts';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** postgres://... when set; otherwise the embedded SQLite file under dataDir. */
  databaseUrl: string | undefined;
  /** Let `npm start` create the demo municipality in an empty database [Note: demo only when empty]. */
  demo: boolean;
  /** The municipality root public key the web app was built with, when given: the admin command
   * checks imported certificates against it (the server itself needs no root key). */
  rootPublicKey: string | undefined;
  /** Directory with the built web app (vite build). */
  webDir: string;
  /** Set the Secure flag on cookies and HSTS: on unless explicitly turned off for plain-HTTP dev. */
  secureTransport: boolean;
  logLevel: 'silent' | 'info';
  shutdownGraceMs: number;
  /** Server processes sharing the port, PostgreSQL only [Note: several processes]. */
  workers: number;
  /** Base proof-of-work difficulty of the pupil endpoints, in leading zero bits. */
  powBits: number;
  /** How difficulty follows a school's load [Note: admission], and per-report rate limits. */
  rateLimits: PupilRateLimits;
  /** Content-free staff alerts [Note: content-free alerts]. */
  alerts: AlertConfig;
  /** Where the pupil app's quick exit goes [Note: quick exit destination]. */
  quickExit: QuickExitConfig;
  /** Inbox pages a process keeps [Note: inbox generation]; 0 reads every page from the database. */
  inboxCachePages: number;
  /** Upload caps and storage budgets [Note: upload budgets]. */
  uploads: {
    maxConcurrent: number;
    maxConcurrentPerReport: number;
    reportBytes: number;
    schoolBytes: number;
  };
}

export interface AlertConfig {
  /** smtp:// or smtps:// URL with credentials; undefined turns e-mail alerts off. */
  smtpUrl: string | undefined;
  /** The From of alert e-mails. */
  from: string;
  /** Configured VAPID keys; undefined: made on first start and kept in settings. */
  vapid: { publicKey: string; privateKey: string } | undefined;
  /** mailto: or https: contact the push services may use. */
  vapidSubject: string;
  /** Where staff open the app; alert links point to <publicUrl>/staff/. */
  publicUrl: string;
  /** Hosts of the push services endpoints may point to [Note: push endpoints]. */
  pushHosts: readonly string[];
}

const flag = (name: string, fallback: boolean) =>
  v.pipe(
    v.optional(
      v.picklist(['0', '1', 'true', 'false', 'yes', 'no'], `${name} must be 1 or 0`),
      fallback ? '1' : '0',
    ),
    v.transform((s) => ['1', 'true', 'yes'].includes(s)),
  );

const integer = (name: string, fallback: number, min: number, max: number) => {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,9}$/, message),
      v.transform(Number),
      v.minValue(min, message),
      v.maxValue(max, message),
    ),
    String(fallback),
  );
};

const MiB = 1024 * 1024;

const rate = (name: string, fallback: number) => integer(name, fallback, 1, 1_000_000);

const b64url = (name: string) =>
  v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{20,200}$/, `${name} must be base64url`)));

const EnvSchema = v.object({
  HOST: v.optional(v.pipe(v.string(), v.minLength(1)), '127.0.0.1'),
  PORT: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,5}$/, 'PORT must be a number from 0 to 65535'),
      v.transform(Number),
      v.maxValue(65535, 'PORT must be a number from 0 to 65535'),
    ),
    '8080',
  ),
  DATA_DIR: v.optional(v.pipe(v.string(), v.minLength(1)), 'data'),
  DATABASE_URL: v.optional(
    v.pipe(
      v.string(),
      v.regex(
        /^postgres(ql)?:\/\/\S+$/,
        'DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)',
      ),
    ),
  ),
  DEMO: flag('DEMO', true),
  ROOT_PUBLIC_KEY: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.regex(/^[A-Za-z0-9_-]{43}$/, 'ROOT_PUBLIC_KEY must be a 32-byte base64url public key'),
    ),
  ),
  WEB_DIR: v.optional(v.pipe(v.string(), v.minLength(1)), 'dist/web'),
  SECURE_TRANSPORT: flag('SECURE_TRANSPORT', true),
  LOG_LEVEL: v.optional(v.picklist(['silent', 'info'], 'LOG_LEVEL must be silent or info'), 'info'),
  SHUTDOWN_GRACE_MS: v.optional(
    v.pipe(v.string(), v.regex(/^\d+$/, 'SHUTDOWN_GRACE_MS must be a number'), v.transform(Number)),
    '10000',
  ),
  WORKERS: integer('WORKERS', 1, 1, 64),
  POW_BITS: integer('POW_BITS', 16, 0, 24),
  POW_MAX_EXTRA_BITS: integer('POW_MAX_EXTRA_BITS', DEFAULT_RATE_LIMITS.maxExtraBits, 0, 8),
  POW_REPORTS_PER_BIT: rate('POW_REPORTS_PER_BIT', DEFAULT_RATE_LIMITS.reportsPerBit),
  POW_RECEIPTS_PER_BIT: rate('POW_RECEIPTS_PER_BIT', DEFAULT_RATE_LIMITS.receiptsPerBit),
  RATE_READS_PER_RECEIPT: rate('RATE_READS_PER_RECEIPT', DEFAULT_RATE_LIMITS.threadReadsPerReceipt),
  RATE_MESSAGES_PER_RECEIPT: rate(
    'RATE_MESSAGES_PER_RECEIPT',
    DEFAULT_RATE_LIMITS.messagesPerReceipt,
  ),
  RATE_ATTACHMENTS_PER_RECEIPT: rate(
    'RATE_ATTACHMENTS_PER_RECEIPT',
    DEFAULT_RATE_LIMITS.attachmentsPerReceipt,
  ),
  INBOX_CACHE_PAGES: integer('INBOX_CACHE_PAGES', INBOX_CACHE_PAGES, 0, 100_000),
  UPLOADS_AT_ONCE: integer('UPLOADS_AT_ONCE', 8, 1, 1000),
  UPLOADS_AT_ONCE_PER_REPORT: integer('UPLOADS_AT_ONCE_PER_REPORT', 2, 1, 100),
  REPORT_STORAGE_MIB: integer('REPORT_STORAGE_MIB', 16, 1, 1024),
  SCHOOL_STORAGE_MIB: integer('SCHOOL_STORAGE_MIB', 2048, 1, 10_000_000),
  SMTP_URL: v.optional(
    v.pipe(v.string(), v.regex(/^smtps?:\/\/\S+$/, 'SMTP_URL must be an smtp:// or smtps:// URL')),
  ),
  ALERT_FROM: v.optional(
    v.pipe(
      v.string(),
      v.minLength(3),
      v.maxLength(200),
      v.includes('@', 'ALERT_FROM must hold an e-mail address'),
    ),
    'Bezpieczny Głos <no-reply@localhost>',
  ),
  VAPID_PUBLIC_KEY: b64url('VAPID_PUBLIC_KEY'),
  VAPID_PRIVATE_KEY: b64url('VAPID_PRIVATE_KEY'),
  VAPID_SUBJECT: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^(mailto:|https:\/\/)\S+$/, 'VAPID_SUBJECT must be a mailto: or https:// URL'),
    ),
    'mailto:no-reply@bezpieczny-glos.invalid',
  ),
  PUSH_SERVICE_HOSTS: v.optional(
    v.pipe(
      v.string(),
      v.regex(
        /^(\*\.)?[a-z0-9.-]+(,(\*\.)?[a-z0-9.-]+)*$/i,
        'PUSH_SERVICE_HOSTS must be host names separated by commas (*.example.com for subdomains)',
      ),
    ),
  ),
  QUICK_EXIT_URL: v.optional(v.string()),
  QUICK_EXIT_KIOSK_URLS: v.optional(v.string()),
  PUBLIC_URL: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^https?:\/\/[^\s/]+\/?$/, 'PUBLIC_URL must be like https://host (no path)'),
    ),
  ),
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = v.safeParse(EnvSchema, env);
  if (!result.success) {
    const lines = result.issues.map((issue) => {
      const key = issue.path?.map((p) => String(p.key)).join('.') ?? '?';
      return `  ${key}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = result.output;
  if ((e.VAPID_PUBLIC_KEY === undefined) !== (e.VAPID_PRIVATE_KEY === undefined)) {
    throw new ConfigError(
      'Invalid configuration:\n  VAPID_PRIVATE_KEY: set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither',
    );
  }
  let quickExit: QuickExitConfig;
  try {
    quickExit = parseQuickExit(e.QUICK_EXIT_URL, e.QUICK_EXIT_KIOSK_URLS);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${(error as Error).message}`);
  }
  if (e.WORKERS > 1 && e.DATABASE_URL === undefined) {
    throw new ConfigError(
      'Invalid configuration:\n  WORKERS: several server processes need PostgreSQL (set DATABASE_URL); SQLite runs one',
    );
  }
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.DEMO,
    rootPublicKey: e.ROOT_PUBLIC_KEY,
    webDir: resolve(e.WEB_DIR),
    secureTransport: e.SECURE_TRANSPORT,
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    workers: e.WORKERS,
    powBits: e.POW_BITS,
    rateLimits: {
      maxExtraBits: e.POW_MAX_EXTRA_BITS,
      reportsPerBit: e.POW_REPORTS_PER_BIT,
      receiptsPerBit: e.POW_RECEIPTS_PER_BIT,
      threadReadsPerReceipt: e.RATE_READS_PER_RECEIPT,
      messagesPerReceipt: e.RATE_MESSAGES_PER_RECEIPT,
      attachmentsPerReceipt: e.RATE_ATTACHMENTS_PER_RECEIPT,
    },
    quickExit,
    inboxCachePages: e.INBOX_CACHE_PAGES,
    uploads: {
      maxConcurrent: e.UPLOADS_AT_ONCE,
      maxConcurrentPerReport: e.UPLOADS_AT_ONCE_PER_REPORT,
      reportBytes: e.REPORT_STORAGE_MIB * MiB,
      schoolBytes: e.SCHOOL_STORAGE_MIB * MiB,
    },
    alerts: {
      smtpUrl: e.SMTP_URL,
      from: e.ALERT_FROM,
      vapid:
        e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
          ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY }
          : undefined,
      vapidSubject: e.VAPID_SUBJECT,
      publicUrl: e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
      pushHosts: e.PUSH_SERVICE_HOSTS?.split(',') ?? DEFAULT_PUSH_HOSTS,
    },
  };
}
