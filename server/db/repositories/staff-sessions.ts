// [Note: staff sessions] see shared/protocol/staff.ts. A session ends at the first of: its
// absolute expiry, IDLE after its last use, logout, or the member's deactivation.
import type { DbOrTrx } from '../database.ts';
import type { StaffSession } from '../tables/staff-work.ts';
import type { Staff } from '../tables/staff.ts';

export async function createStaffSession(
  db: DbOrTrx,
  session: { tokenHash: string; staffId: string; now: string; expiresAt: string },
): Promise<void> {
  await db.deleteFrom('staff_sessions').where('expires_at', '<=', session.now).execute();
  await db
    .insertInto('staff_sessions')
    .values({
      token_hash: session.tokenHash,
      staff_id: session.staffId,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

/**
 * The live session and its active (or invited) member. Its last use moves to now only when the
 * recorded one is before `touchBefore`, so most requests only read (see STAFF_TOUCH_MS).
 */
export async function touchStaffSession(
  db: DbOrTrx,
  tokenHash: string,
  now: string,
  idleSince: string,
  touchBefore: string = now,
): Promise<{ session: StaffSession; staff: Staff } | undefined> {
  const session = await db
    .selectFrom('staff_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', idleSince)
    .executeTakeFirst();
  if (!session) return undefined;
  const staff = await db
    .selectFrom('staff')
    .selectAll()
    .where('id', '=', session.staff_id)
    .where('status', '!=', 'deactivated')
    .executeTakeFirst();
  if (!staff) return undefined;
  if (session.last_seen_at >= touchBefore) return { session, staff };
  await db
    .updateTable('staff_sessions')
    .set({ last_seen_at: now })
    .where('token_hash', '=', tokenHash)
    .execute();
  return { session: { ...session, last_seen_at: now }, staff };
}

export async function deleteStaffSession(db: DbOrTrx, tokenHash: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfStaff(db: DbOrTrx, staffId: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('staff_id', '=', staffId).execute();
}
