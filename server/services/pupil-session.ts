// Creating pupil sessions [Note: pupil sessions]: a random 32-byte bearer token, kept by the
// browser in memory only; the server stores the SHA-256 of its base64url text.
import { createHash, randomBytes } from 'node:crypto';
import { toB64 } from '../../shared/envelope/base64url.ts';
import type { PupilSessionDto } from '../../shared/protocol/pupil.ts';
import type { DbOrTrx } from '../db/database.ts';
import { createPupilSession } from '../db/repositories/pupil-sessions.ts';
import { ceilHourIso } from './pupil-time.ts';

/**
 * Idle time after which a session may end; each authenticated request starts it again. The stored
 * expiry is that time rounded up to a whole hour [Note: coarse pupil time], so a session idles
 * at least 15 minutes and at most 75 before the server refuses it (the pupil's page clears itself
 * sooner), and the table never holds a pupil's minute.
 */
export const SESSION_IDLE_MS = 15 * 60 * 1000;

/** The stored expiry of a session used at `now`. */
export const sessionExpiry = (now: Date) => ceilHourIso(new Date(now.getTime() + SESSION_IDLE_MS));

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function startPupilSession(
  db: DbOrTrx,
  reportId: string,
  now: Date,
): Promise<PupilSessionDto> {
  const token = toB64(randomBytes(32));
  const expiresAt = sessionExpiry(now);
  await createPupilSession(db, {
    tokenHash: hashToken(token),
    reportId,
    expiresAt,
    now: now.toISOString(),
  });
  return { token, expiresAt };
}
