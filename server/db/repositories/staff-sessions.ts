// [Note: staff sessions] see shared/protocol/staff.ts. A session ends at the first of: its
// absolute expiry, IDLE after its last use, logout, or the member's deactivation.
import type { DbOrTrx } from '../database.ts';
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
 * The live session, its active (or invited) member and what the member's school asks of every
 * staff answer (its wait target), in one query: this runs before every staff request, and the
 * three lookups it replaces were a third of an inbox page's queries. Nothing here is cached, so a
 * deactivation or a logout in any process counts from the next request. The session's last use
 * moves to now only when the recorded one is before `touchBefore`, so most requests only read (see
 * STAFF_TOUCH_MS).
 */
export async function touchStaffSession(
  db: DbOrTrx,
  tokenHash: string,
  now: string,
  idleSince: string,
  touchBefore: string = now,
): Promise<
  | {
      staff: Staff;
      lastSeenAt: string;
      waitTargetHours: number | null;
      /** The school's [Note: inbox generation]; null for a member of no organisation. */
      inboxGeneration: number | null;
    }
  | undefined
> {
  const row = await db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff as m', 'm.id', 's.staff_id')
    .leftJoin('organisations as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select([
      's.last_seen_at as session_last_seen_at',
      'o.wait_target_hours as org_wait_target',
      'o.inbox_generation as org_inbox_generation',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('s.last_seen_at', '>', idleSince)
    .where('m.status', '!=', 'deactivated')
    .executeTakeFirst();
  if (!row) return undefined;
  const {
    session_last_seen_at: lastSeen,
    org_wait_target: waitTargetHours,
    org_inbox_generation: inboxGeneration,
    ...staff
  } = row;
  if (lastSeen >= touchBefore) {
    return { staff, lastSeenAt: lastSeen, waitTargetHours, inboxGeneration };
  }
  await db
    .updateTable('staff_sessions')
    .set({ last_seen_at: now })
    .where('token_hash', '=', tokenHash)
    .execute();
  return { staff, lastSeenAt: now, waitTargetHours, inboxGeneration };
}

export async function deleteStaffSession(db: DbOrTrx, tokenHash: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfStaff(db: DbOrTrx, staffId: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('staff_id', '=', staffId).execute();
}
