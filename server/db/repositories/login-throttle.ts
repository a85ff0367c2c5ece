// Sign-in failures per login key [Note: sign-in slow-down]. Counting happens in the database
// itself, so two processes (or two concurrent guesses) both count.
import { sql } from 'kysely';
import type { DbOrTrx } from '../database.ts';

/** Counts one more failure of the login key and answers the count in a row. */
export async function countFailure(db: DbOrTrx, loginKey: string, now: string): Promise<number> {
  const row = await db
    .insertInto('login_throttle')
    .values({ login_key: loginKey, failures: 1, audited_hour: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('login_key').doUpdateSet({
        failures: sql<number>`login_throttle.failures + 1`,
        updated_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

/**
 * Claims the aggregated audit entry of this hour for the login key: true for exactly one of
 * any number of concurrent callers in the hour, false for the rest.
 */
export async function claimAuditHour(
  db: DbOrTrx,
  loginKey: string,
  hour: string,
): Promise<boolean> {
  const row = await db
    .updateTable('login_throttle')
    .set({ audited_hour: hour })
    .where('login_key', '=', loginKey)
    .where((eb) => eb.or([eb('audited_hour', 'is', null), eb('audited_hour', '<>', hour)]))
    .returning('login_key')
    .executeTakeFirst();
  return row !== undefined;
}

export async function clearFailures(db: DbOrTrx, loginKey: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('login_key', '=', loginKey).execute();
}

/** Forgets logins that have not failed since `before` (unknown logins must not pile up). */
export async function pruneThrottle(db: DbOrTrx, before: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('updated_at', '<', before).execute();
}

export async function failuresOf(db: DbOrTrx, loginKey: string): Promise<number> {
  const row = await db
    .selectFrom('login_throttle')
    .select('failures')
    .where('login_key', '=', loginKey)
    .executeTakeFirst();
  return Number(row?.failures ?? 0);
}
