// Creating pupil sessions [Note: pupil sessions]: a random 32-byte bearer token, kept by the
// browser in memory only; the server stores the SHA-256 of its base64url text.
import { createHash, randomBytes } from 'node:crypto';
import { toB64 } from '../../shared/envelope/base64url.ts';
import type { PupilSessionDto } from '../../shared/protocol/pupil.ts';
import type { DbOrTrx } from '../db/database.ts';
import { createPupilSession } from '../db/repositories/pupil-sessions.ts';

/** Idle time after which a session ends; each authenticated request starts it again. */
export const SESSION_IDLE_MS = 15 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function startPupilSession(
  db: DbOrTrx,
  reportId: string,
  now: Date,
): Promise<PupilSessionDto> {
  const token = toB64(randomBytes(32));
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
  await createPupilSession(db, {
    tokenHash: hashToken(token),
    reportId,
    expiresAt,
    now: now.toISOString(),
  });
  return { token, expiresAt };
}
