// [Note: pupil sessions] After a report or a receipt, the pupil's browser holds a random bearer
// token in memory only; the server keeps its SHA-256 with an idle expiry that each use slides
// forward. Expired rows are deleted whenever a new session is created, so a session row outlives
// the pupil's last request by at most the idle time plus the time until the next pupil arrives.
// The expiry is a whole hour [Note: coarse pupil time]; within an hour a use writes nothing.
import type { DbOrTrx } from '../database.ts';
import type { PupilSession } from '../tables/pupil.ts';

export async function createPupilSession(
  db: DbOrTrx,
  session: { tokenHash: string; reportId: string; expiresAt: string; now: string },
): Promise<void> {
  await db.deleteFrom('pupil_sessions').where('expires_at', '<=', session.now).execute();
  await db
    .insertInto('pupil_sessions')
    .values({
      token_hash: session.tokenHash,
      report_id: session.reportId,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The live session with this token hash, its expiry moved to newExpiry; undefined otherwise. */
export async function touchPupilSession(
  db: DbOrTrx,
  tokenHash: string,
  now: string,
  newExpiry: string,
): Promise<PupilSession | undefined> {
  const session = await db
    .selectFrom('pupil_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!session) return undefined;
  if (session.expires_at === newExpiry) return session;
  await db
    .updateTable('pupil_sessions')
    .set({ expires_at: newExpiry })
    .where('token_hash', '=', tokenHash)
    .execute();
  return { ...session, expires_at: newExpiry };
}

export async function deletePupilSession(db: DbOrTrx, tokenHash: string): Promise<void> {
  await db.deleteFrom('pupil_sessions').where('token_hash', '=', tokenHash).execute();
}
