// Staff session tokens and their cookie [Note: staff sessions].
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { DbOrTrx } from '../db/database.ts';
import { createStaffSession } from '../db/repositories/staff-sessions.ts';

export const STAFF_IDLE_MS = 30 * 60 * 1000;
export const STAFF_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/**
 * A session's last use is recorded at most once a minute. Writing it on every request made every
 * read a write transaction (on SQLite with synchronous=FULL, a disk flush each; a benchmark of the
 * inbox spent more time there than in the inbox query). The idle timeout then ends a session up
 * to a minute early, never late.
 */
export const STAFF_TOUCH_MS = 60 * 1000;

/** `__Host-` pins the cookie to this origin and path /, and requires Secure (so only behind TLS). */
export const cookieName = (secure: boolean) => (secure ? '__Host-staff' : 'staff');

export const hashStaffToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function startStaffSession(
  c: Context,
  db: DbOrTrx,
  staffId: string,
  now: Date,
  secure: boolean,
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await createStaffSession(db, {
    tokenHash: hashStaffToken(token),
    staffId,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + STAFF_ABSOLUTE_MS).toISOString(),
  });
  setCookie(c, cookieName(secure), token, {
    httpOnly: true,
    secure,
    sameSite: 'Strict',
    path: '/',
    maxAge: STAFF_ABSOLUTE_MS / 1000,
  });
}

export function sessionToken(c: Context, secure: boolean): string | undefined {
  const token = getCookie(c, cookieName(secure));
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, cookieName(secure), { path: '/', secure, httpOnly: true, sameSite: 'Strict' });
}
