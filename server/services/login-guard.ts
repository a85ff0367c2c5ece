// [Note: uniform sign-in failure] Every way a sign-in (login, password change, recovery) can fail
// (no such account, deactivated, locked, wrong password, wrong code, bad proof) gets one answer:
// 401 'Wrong login, password or code', sent no sooner than a fixed time after the request began,
// so neither the body nor the timing tells a guesser which factor was wrong or who exists.
// Guesses slow the account, never the school and never an address: after LOCK_AFTER failures in
// a row it is locked for 2^(n-LOCK_AFTER) minutes (at most an hour); while locked even the right
// password fails (and does not count again, so the lock grows only by guesses it refused to try).
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { hashAuthKey } from '../auth-hash.ts';
import { appendAudit } from '../db/repositories/audit.ts';
import { countLoginFailure, lockStaff } from '../db/repositories/staff-credentials.ts';
import type { Staff } from '../db/tables/staff.ts';
import { ApiError } from '../errors.ts';

export const LOCK_AFTER = 5;
const MAX_LOCK_MS = 60 * 60 * 1000;

/** The minimum time of a refused sign-in. Tests lower it; the server keeps the default. */
export const loginTiming = { failureMs: 500 };

export const uniformFailure = () =>
  new ApiError(401, 'unauthorized', 'Wrong login, password or code');

export const lockMs = (failures: number) =>
  Math.min(2 ** (failures - LOCK_AFTER) * 60 * 1000, MAX_LOCK_MS);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Pads every 401 of the route to the same total time, measured from the request's start. */
export function padFailures(failureMs?: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    if (c.res.status === 401) {
      const total = failureMs ?? loginTiming.failureMs;
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

export const isLocked = (staff: Staff, now: Date) =>
  staff.locked_until !== null && staff.locked_until > now.toISOString();

/**
 * Settles one sign-in attempt whose factors the caller checked (`passed`). Returns the member
 * when they may proceed; otherwise records the failure of an existing account (count, lock,
 * audit without content) and throws the uniform 401. The caller clears the count on success.
 */
export async function settleAttempt(
  deps: AppEnv['Variables']['deps'],
  staff: Staff | undefined,
  passed: boolean,
  action: string,
): Promise<Staff> {
  const { db, clock, dialect } = deps;
  const now = clock();
  if (staff && staff.status !== 'deactivated' && !isLocked(staff, now) && passed) return staff;
  if (staff) {
    await db.transaction().execute(async (trx) => {
      if (staff.status !== 'deactivated' && !isLocked(staff, now)) {
        const failures = await countLoginFailure(trx, staff.id);
        if (failures >= LOCK_AFTER) {
          await lockStaff(trx, staff.id, new Date(now.getTime() + lockMs(failures)).toISOString());
        }
      }
      await appendAudit(
        trx,
        {
          orgId: staff.org_id,
          actorId: null,
          action,
          subjectType: 'staff',
          subjectId: staff.id,
          at: now,
        },
        dialect,
      );
    });
  }
  throw uniformFailure();
}
