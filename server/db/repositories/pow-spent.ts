// Spending a proof-of-work challenge [Note: proof of work]: the challenge id goes into pow_spent,
// whose primary key refuses a second use. Callers spend it on its own, before anything else is
// checked or counted, so a refused request still uses up its challenge [Note: admission], and
// two concurrent uses of one challenge (in any processes) get exactly one success.
// The row keeps the challenge's expiry rounded up to a whole hour [Note: coarse pupil time]: it
// lives a little longer than the challenge (still refusing its replay) and says no more than the
// hour a pupil was writing.
import type { DbOrTrx } from '../database.ts';

const HOUR_MS = 60 * 60 * 1000;

/** False when the challenge was spent before. Also deletes spent challenges that have expired. */
export async function spendChallenge(
  db: DbOrTrx,
  challengeId: string,
  expiresAt: string,
  now: string,
): Promise<boolean> {
  // Cheap: an index range on expires_at, and only rows whose token the MAC check refuses anyway.
  await db.deleteFrom('pow_spent').where('expires_at', '<', now).execute();
  // ON CONFLICT DO NOTHING rather than catching the violation: on PostgreSQL a failed statement
  // would abort the caller's whole transaction.
  const result = await db
    .insertInto('pow_spent')
    .values({
      challenge_id: challengeId,
      expires_at: new Date(Math.ceil(Date.parse(expiresAt) / HOUR_MS) * HOUR_MS).toISOString(),
    })
    .onConflict((oc) => oc.column('challenge_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
