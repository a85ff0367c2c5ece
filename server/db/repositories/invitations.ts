// Staff invitations: the server keeps the link token's hash, the link secret sealed to the
// organisation key (which it cannot open), and once accepted the new member and their MAC.
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

/** The accepted invitations of these members (what a colleague needs to check their keys). */
export async function acceptedInvitationsOf(
  db: DbOrTrx,
  staffIds: readonly string[],
): Promise<Map<string, Invitation>> {
  if (staffIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .where('accepted_staff_id', 'in', staffIds)
    .execute();
  return new Map(rows.map((row) => [row.accepted_staff_id ?? '', row]));
}
