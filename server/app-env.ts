// What every handler can reach through c.var: the database, the injected clock, and the pupil
// flow's proof-of-work secret and difficulty and rate limits, and the staff alert sender.
import type { Db } from './db/database.ts';
import type { AlertSender } from './alerts/types.ts';
import type { DialectName } from './db/dialect.ts';
import type { Writer } from './db/group-commit.ts';
import type { PupilRateLimits } from './middleware/rate-limit.ts';
import type { Logger } from './middleware/request-log.ts';
import type { PushEndpointRules } from './alerts/push-endpoints.ts';
import type { QuickExitConfig } from './quick-exit.ts';
import type { Uploads } from './services/attachment-upload.ts';
import type { InboxCache } from './services/inbox-cache.ts';

export interface PupilDeps {
  /** Leading zero bits a proof of work must have [Note: proof of work]. */
  powBits: number;
  /** 32-byte HMAC key of the challenge tokens (settings 'pow_secret'). */
  powSecret: Uint8Array;
  limits: PupilRateLimits;
  /** Where quick exit goes; the app's blank page when left out [Note: quick exit destination]. */
  quickExit?: QuickExitConfig;
}

export interface AppDeps {
  db: Db;
  dialect: DialectName;
  /** Units of writes, committed together on SQLite [Note: group commit]. */
  writer: Writer;
  clock: () => Date;
  log: Logger;
  pupil: PupilDeps;
  /** Content-free staff alerts, sent in the background [Note: content-free alerts]. */
  alerts: AlertSender;
  /** Behind TLS: Secure cookies (named __Host-...) and HSTS. */
  secureTransport: boolean;
  /** Which push endpoints a member may subscribe [Note: push endpoints]. */
  pushRules: PushEndpointRules;
  /** Upload caps and budgets, and the in-process count of uploads [Note: upload budgets]. */
  uploads: Uploads;
  /** Inbox pages served, kept per school generation [Note: inbox generation]. */
  inboxCache: InboxCache;
}

export interface AppEnv {
  Variables: { deps: AppDeps };
}
