// Staff invitations: the server keeps the link token's hash, the link secret sealed to the
// organisation key (which it cannot open), and once accepted the new member and their MAC. A
// renewal (renews_staff_id) gives an existing member new keys instead of making a new one.
import { sql } from 'kysely';
import type { DbOrTrx } from '../database.ts';
import type { Invitation, NewInvitation } from '../tables/staff-work.ts';

export async function insertInvitation(db: DbOrTrx, invitation: NewInvitation): Promise<void> {
  await db.insertInto('invitations').values(invitation).execute();
}

export function findInvitation(db: DbOrTrx, id: string): Promise<Invitation | undefined> {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Each opening issues a new TOTP secret; only a still open invitation takes one. */
export async function setInvitationTotp(db: DbOrTrx, id: string, secret: string): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ totp_secret: secret })
    .where('id', '=', id)
    .where('accepted_staff_id', 'is', null)
    .execute();
}

/** Marks the invitation used; false when someone accepted it first (the caller rolls back). */
export async function markInvitationAccepted(
  db: DbOrTrx,
  id: string,
  staffId: string,
  mac: string,
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_staff_id: staffId, mac })
    .where('id', '=', id)
    .where('accepted_staff_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends the open renewals of a member (a new one replaces them): they expire now. */
export async function expireOpenRenewals(db: DbOrTrx, staffId: string, now: string): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ expires_at: now })
    .where('renews_staff_id', '=', staffId)
    .where('accepted_staff_id', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

/** The latest invitation of each of these members: the one they accepted, or a renewal of their
 * keys (open or accepted), whichever came last. That is what a colleague checks their current
 * keys against; an open renewal has no MAC yet, so nothing is to be checked or granted. */
export async function latestInvitationsOf(
  db: DbOrTrx,
  staffIds: readonly string[],
): Promise<Map<string, Invitation>> {
  if (staffIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .where((eb) =>
      eb.or([eb('accepted_staff_id', 'in', staffIds), eb('renews_staff_id', 'in', staffIds)]),
    )
    // Oldest first, so the newest of a member is the one the map keeps.
    .orderBy('created_at')
    .orderBy(sql`case when renews_staff_id is null then 0 else 1 end`)
    .orderBy('expires_at')
    .execute();
  return new Map(rows.map((row) => [row.renews_staff_id ?? row.accepted_staff_id ?? '', row]));
}

/** Whether the organisation has a member (not deactivated) or an invitation still open at `now`. */
export async function hasAnyoneJoined(db: DbOrTrx, orgId: string, now: string): Promise<boolean> {
  const member = await db
    .selectFrom('staff')
    .select('id')
    .where('org_id', '=', orgId)
    .where('status', '!=', 'deactivated')
    .limit(1)
    .executeTakeFirst();
  if (member) return true;
  const invitation = await db
    .selectFrom('invitations')
    .select('id')
    .where('org_id', '=', orgId)
    .where('accepted_staff_id', 'is', null)
    .where('expires_at', '>', now)
    .limit(1)
    .executeTakeFirst();
  return invitation !== undefined;
}
