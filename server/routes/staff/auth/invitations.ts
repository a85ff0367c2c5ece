// Invitations (docs/protocol.md, "Invitations"). A member invites a colleague into their own
// organisation with their own role; the link is /staff/#invite=<id>.<token>.<secret>. The server
// keeps the token's hash and the secret sealed to the organisation key, never the secret itself.
// The invitee opens the link (a fresh TOTP secret each time), then accepts with their keys MAC'd
// by the secret; they become an 'invited' member until a colleague grants the key (members.ts).
import { Hono } from 'hono';
import {
  CreateInvitationSchema,
  InvitationTokenSchema,
  type InvitationCreatedDto,
  type InvitationDto,
} from '../../../../shared/protocol/staff.ts';
import { setInvitationTotp } from '../../../db/repositories/invitations.ts';
import { ApiError } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { createInvitation, sealedInviteSecret } from '../../../services/invitations.ts';
import { newTotpSecret, totpUri } from '../../../services/totp.ts';
import { IdParamSchema, invitationByToken, MEMBER_ROLES } from './invitation-lookup.ts';

export function invitationRoutes() {
  return new Hono<StaffEnv>()
    .post(
      '/invitations',
      requireStaff({ roles: MEMBER_ROLES }),
      validate('json', CreateInvitationSchema),
      async (c) => {
        const input = c.req.valid('json');
        const me = c.var.staff;
        if (!me.orgId) throw new ApiError(403, 'forbidden', 'Not a member of an organisation');
        const created = await createInvitation(c.var.deps, {
          orgId: me.orgId,
          role: me.role,
          login: input.login,
          displayName: input.displayName,
          secretSealed: sealedInviteSecret(input.secretSealed),
          createdBy: me.id,
        });
        return c.json<InvitationCreatedDto>(created, 201);
      },
    )
    .post(
      '/invitations/:id/open',
      validate('param', IdParamSchema),
      validate('json', InvitationTokenSchema),
      async (c) => {
        const { db, clock } = c.var.deps;
        const { id } = c.req.valid('param');
        const invitation = await invitationByToken(db, id, c.req.valid('json').token, clock());
        if (invitation.accepted_staff_id !== null) {
          throw new ApiError(404, 'not_found', 'Invitation not found or expired');
        }
        const org = await db
          .selectFrom('organisations')
          .select('name')
          .where('id', '=', invitation.org_id)
          .executeTakeFirstOrThrow();
        // Each opening replaces the secret: only the authenticator set up last will work.
        const secret = newTotpSecret();
        await setInvitationTotp(db, id, secret);
        return c.json<InvitationDto>({
          orgName: org.name,
          login: invitation.login,
          displayName: invitation.display_name,
          role: invitation.role,
          totpSecret: secret,
          totpUri: totpUri(secret, invitation.login),
        });
      },
    );
}
