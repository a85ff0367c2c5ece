// Invitations (docs/protocol.md, "Invitations"). A member invites a colleague into their own
// organisation with their own role; the link is /staff/#invite=<id>.<token>.<secret>. The server
// keeps the token's hash and the secret sealed to the organisation key, never the secret itself.
// The invitee opens the link (a fresh TOTP secret each time), then accepts with their keys MAC'd
// by the secret; they become an 'invited' member until a colleague grants the key (members.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import {
  CreateInvitationSchema,
  InvitationTokenSchema,
  type InvitationCreatedDto,
  type InvitationDto,
} from '../../../../shared/protocol/staff.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { insertInvitation, setInvitationTotp } from '../../../db/repositories/invitations.ts';
import { findStaffByLogin } from '../../../db/repositories/staff.ts';
import { ApiError } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { SEALED_INVITE_SECRET_BYTES } from '../../../services/login-secret.ts';
import { newTotpSecret, totpUri } from '../../../services/totp.ts';
import { decodeField, encodeField } from '../../../services/wire-bytes.ts';
import { hashToken, IdParamSchema, invitationByToken, MEMBER_ROLES } from './invitation-lookup.ts';

export const INVITATION_DAYS = 7;

export function invitationRoutes() {
  return new Hono<StaffEnv>()
    .post(
      '/invitations',
      requireStaff({ roles: MEMBER_ROLES }),
      validate('json', CreateInvitationSchema),
      async (c) => {
        const input = c.req.valid('json');
        const { db, clock, dialect } = c.var.deps;
        const me = c.var.staff;
        if (!me.orgId) throw new ApiError(403, 'forbidden', 'Not a member of an organisation');
        const sealed = decodeField(input.secretSealed, 'secretSealed');
        if (sealed.length !== SEALED_INVITE_SECRET_BYTES) {
          throw new ApiError(400, 'validation_failed', 'Invalid secretSealed', [
            { path: 'secretSealed', message: `must be ${SEALED_INVITE_SECRET_BYTES} bytes` },
          ]);
        }
        if (await findStaffByLogin(db, input.login)) {
          throw new ApiError(409, 'conflict', 'An account with this login exists');
        }
        const now = clock();
        const id = randomUUID();
        const token = randomBytes(32).toString('base64url');
        const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString();
        const orgId = me.orgId;
        await db.transaction().execute(async (trx) => {
          await insertInvitation(trx, {
            id,
            org_id: orgId,
            role: me.role,
            login: input.login,
            display_name: input.displayName,
            token_hash: hashToken(token).toString('hex'),
            secret_sealed: encodeField(sealed),
            totp_secret: null,
            created_by: me.id,
            created_at: now.toISOString(),
            expires_at: expiresAt,
            accepted_staff_id: null,
            mac: null,
          });
          await appendAudit(
            trx,
            {
              orgId,
              actorId: me.id,
              action: 'invitation.created',
              subjectType: 'invitation',
              subjectId: id,
              at: now,
            },
            dialect,
          );
        });
        return c.json<InvitationCreatedDto>({ id, token, expiresAt }, 201);
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
