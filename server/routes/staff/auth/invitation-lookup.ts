// What the invitation routes share: the id parameter, who may invite, and finding the invitation
// a link names.
import { timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import { UuidSchema } from '../../../../shared/protocol/common.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { findInvitation } from '../../../db/repositories/invitations.ts';
import type { Invitation } from '../../../db/tables/staff-work.ts';
import { ApiError } from '../../../errors.ts';
import { hashToken } from '../../../services/invitations.ts';

export const IdParamSchema = v.object({ id: v.pipe(UuidSchema, v.toLowerCase()) });

/** Members who hold an organisation key may invite colleagues and grant it to them. */
export const MEMBER_ROLES = ['counsellor', 'cdr_specialist'] as const;

/** The invitation the link names, if the token is right and it has not expired; every other case
 * is the same 404. Whether it was used already is the caller's question. */
export async function invitationByToken(
  db: DbOrTrx,
  id: string,
  token: string,
  now: Date,
): Promise<Invitation> {
  const invitation = await findInvitation(db, id);
  const given = hashToken(token);
  const stored = invitation ? Buffer.from(invitation.token_hash, 'hex') : Buffer.alloc(32);
  const tokenOk = stored.length === given.length && timingSafeEqual(stored, given);
  if (!invitation || !tokenOk || invitation.expires_at <= now.toISOString()) {
    throw new ApiError(404, 'not_found', 'Invitation not found or expired');
  }
  return invitation;
}
