// A signed-in staff member for API tests, without the login API: a session row for the member's
// id with a random token, and the Cookie header the browser would send ([Note: staff sessions]).
import { randomBytes } from 'node:crypto';
import type { DbOrTrx } from '../../server/db/database.ts';
import { createStaffSession } from '../../server/db/repositories/staff-sessions.ts';
import {
  cookieName,
  hashStaffToken,
  STAFF_ABSOLUTE_MS,
} from '../../server/services/staff-session.ts';

/** The Cookie header of a fresh session for staffId. */
export async function staffCookie(
  db: DbOrTrx,
  staffId: string,
  now: Date,
  secureTransport = true,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await createStaffSession(db, {
    tokenHash: hashStaffToken(token),
    staffId,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + STAFF_ABSOLUTE_MS).toISOString(),
  });
  return `${cookieName(secureTransport)}=${token}`;
}

/** The header every state-changing staff request carries. */
export const CSRF = { 'X-CSRF': '1' } as const;

/** Request headers of a signed-in member: the cookie, and the CSRF header for writes. */
export const staffHeaders = (cookie: string, extra: Record<string, string> = {}) => ({
  Cookie: cookie,
  ...CSRF,
  ...extra,
});

/** A JSON request of a signed-in member. */
export const staffJson = (cookie: string, method: string, body: unknown): RequestInit => ({
  method,
  headers: staffHeaders(cookie, { 'Content-Type': 'application/json' }),
  body: JSON.stringify(body),
});
