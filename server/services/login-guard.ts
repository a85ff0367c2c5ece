// [Note: uniform sign-in failure] Every way a sign-in (login, password change, recovery) can fail
// (no such account, deactivated, wrong password, wrong code, bad proof) gets one answer:
// 401 'Wrong login, password or code', sent no sooner than a fixed time after the request began,
// so neither the body nor the timing tells a guesser which factor was wrong or who exists.
//
// [Note: sign-in slow-down] Guesses slow the refusals of one login, never the school, never an
// address, and never the right answer: the right password (authKey) with a valid code always
// signs in, whatever others sent before. There is no lock, because a lock is a switch anyone who
// knows a login can flip (logins are guessable e-mail addresses). Online guessing is hopeless
// anyway (the authKey is a 32-byte Argon2id output and a TOTP code is needed too); the slow-down
// only keeps a flood cheap. From the SLOW_AFTER+1-th failure in a row the refusal waits a
// further slowMs(n), doubling from slowStepMs up to maxSlowMs, so the delay is bounded. Failures
// are counted per login in the shared table login_throttle under an HMAC of the login, so
// several processes count together and an unknown login slows exactly like a real one (the
// timing tells nobody who exists). The first SLOW_AFTER failures of an account each write an
// audit entry; after that at most one `<action>_slowed` entry per account and hour records that
// refusals went on (the running count is login_throttle.failures), so a flood cannot fill the
// audit log. A success clears the count; counts left idle for a day are forgotten.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { hashAuthKey } from '../auth-hash.ts';
import type { DbOrTrx } from '../db/database.ts';
import { appendAudit } from '../db/repositories/audit.ts';
import {
  claimAuditHour,
  clearFailures,
  countFailure,
  pruneThrottle,
} from '../db/repositories/login-throttle.ts';
import type { Staff } from '../db/tables/staff.ts';
import { ApiError } from '../errors.ts';
import { loginSecret } from './login-secret.ts';

export const SLOW_AFTER = 5;
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The minimum time of a refused sign-in and the slow-down's step and bound. Tests lower them;
 * the server keeps the defaults.
 */
export const loginTiming = { failureMs: 500, slowStepMs: 1000, maxSlowMs: 8000 };

/** The extra wait of a refusal that is the n-th failure in a row: 0, then doubling, bounded. */
export const slowMs = (failures: number) =>
  failures <= SLOW_AFTER
    ? 0
    : Math.min(2 ** (failures - SLOW_AFTER - 1) * loginTiming.slowStepMs, loginTiming.maxSlowMs);

/** The uniform 401; `slowMs` lengthens its padding by the login's slow-down. */
export class UniformFailure extends ApiError {
  constructor(readonly slowMs = 0) {
    super(401, 'unauthorized', 'Wrong login, password or code');
  }
}

export const uniformFailure = (slow = 0) => new UniformFailure(slow);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Pads every 401 of the route to the same total time, measured from the request's start, plus the
 * login's slow-down, so the work done (which differs for a known and an unknown login) never shows.
 */
export function padFailures(failureMs?: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    if (c.res.status === 401) {
      const slow = c.error instanceof UniformFailure ? c.error.slowMs : 0;
      const total = (failureMs ?? loginTiming.failureMs) + slow;
      await sleep(Math.max(0, total - (performance.now() - started)));
    }
  };
}

const DUMMY_HASH = Buffer.alloc(32);

/** hex SHA-256 of the authKey against the stored hash, in constant time. */
export function authKeyMatches(staff: Staff | undefined, authKey: Uint8Array): boolean {
  const given = Buffer.from(hashAuthKey(authKey), 'hex');
  const stored = staff ? Buffer.from(staff.auth_hash, 'hex') : DUMMY_HASH;
  // Compare anyway when there is no account, so that path costs the same.
  const same = stored.length === given.length && timingSafeEqual(stored, given);
  return staff !== undefined && same;
}

/** The key failures of a login are counted under (known or not). */
export async function loginKey(db: DbOrTrx, login: string): Promise<string> {
  return createHmac('sha256', await loginSecret(db))
    .update(`login-throttle\0${login}`)
    .digest('hex');
}

/** Forgets the failures of the login after a success. */
export async function clearLoginFailures(db: DbOrTrx, login: string): Promise<void> {
  await clearFailures(db, await loginKey(db, login));
}

/**
 * Settles one sign-in attempt for `login` whose factors the caller checked (`passed`). Returns
 * the member when they may proceed, whatever failed before; otherwise counts the failure of the
 * login (known or not), audits it as [Note: sign-in slow-down] says, waits the slow-down and
 * throws the uniform 401. The caller clears the count on success.
 */
export async function settleAttempt(
  deps: AppEnv['Variables']['deps'],
  login: string,
  staff: Staff | undefined,
  passed: boolean,
  action: string,
): Promise<Staff> {
  const { db, clock, dialect } = deps;
  const now = clock();
  if (staff && staff.status !== 'deactivated' && passed) return staff;
  const key = await loginKey(db, login);
  const failures = await db.transaction().execute(async (trx) => {
    const n = await countFailure(trx, key, now.toISOString());
    if (n === 1) {
      await pruneThrottle(trx, new Date(now.getTime() - FORGET_AFTER_MS).toISOString());
    }
    if (!staff) return n;
    const hour = now.toISOString().slice(0, 13);
    if (n <= SLOW_AFTER || (await claimAuditHour(trx, key, hour))) {
      await appendAudit(
        trx,
        {
          orgId: staff.org_id,
          actorId: null,
          action: n <= SLOW_AFTER ? action : `${action}_slowed`,
          subjectType: 'staff',
          subjectId: staff.id,
          at: now,
        },
        dialect,
      );
    }
    return n;
  });
  throw uniformFailure(slowMs(failures));
}
