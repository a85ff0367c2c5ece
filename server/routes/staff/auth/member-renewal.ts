// POST /members/:id/renew: a colleague renews the keys of a member who lost both password and
// recovery key. Nothing can open the old personal keys any more, so the member gets new ones the
// way a newcomer does: a renewal invitation (link secret sealed to the organisation key, as in
// invitations.ts) that they accept with new keys MAC'd by the secret (invitation-accept.ts), after
// which a colleague's browser checks the MAC and grants the key again (members.ts). Meanwhile the
// member can use nothing: their sessions end, their password stops working, they wait as
// 'invited', and the grants sealed to the lost keys are deleted.
import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { RenewMemberSchema, type InvitationCreatedDto } from '../../../../shared/protocol/staff.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { expireOpenRenewals, insertInvitation } from '../../../db/repositories/invitations.ts';
import { findStaffById, startKeyRenewal } from '../../../db/repositories/staff-credentials.ts';
import { deleteSessionsOfStaff } from '../../../db/repositories/staff-sessions.ts';
import { ApiError, notFound } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { SEALED_INVITE_SECRET_BYTES } from '../../../services/login-secret.ts';
import { decodeField, encodeField } from '../../../services/wire-bytes.ts';
import { hashToken, IdParamSchema, MEMBER_ROLES } from './invitation-lookup.ts';
import { INVITATION_DAYS } from './invitations.ts';

export function renewalRoutes() {
  return new Hono<StaffEnv>().post(
    '/members/:id/renew',
    requireStaff({ roles: MEMBER_ROLES }),
    validate('param', IdParamSchema),
    validate('json', RenewMemberSchema),
    async (c) => {
      const { db, clock, dialect } = c.var.deps;
      const me = c.var.staff;
      const target = await findStaffById(db, c.req.valid('param').id);
      // Another organisation's member is not found, as if they did not exist; nor is a former one.
      if (!me.orgId || !target || target.org_id !== me.orgId || target.status === 'deactivated') {
        throw notFound('Member');
      }
      if (target.id === me.id) {
        throw new ApiError(400, 'bad_request', 'A colleague has to renew your keys');
      }
      const sealed = decodeField(c.req.valid('json').secretSealed, 'secretSealed');
      if (sealed.length !== SEALED_INVITE_SECRET_BYTES) {
        throw new ApiError(400, 'validation_failed', 'Invalid secretSealed', [
          { path: 'secretSealed', message: `must be ${SEALED_INVITE_SECRET_BYTES} bytes` },
        ]);
      }
      const now = clock();
      const id = randomUUID();
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString();
      const orgId = me.orgId;
      await db.transaction().execute(async (trx) => {
        // An earlier link of this member stops working: only the newest renewal can be accepted.
        await expireOpenRenewals(trx, target.id, now.toISOString());
        // The hash of random bytes no authKey hashes to: the old password signs in no more.
        const disabled = hashToken(randomBytes(32).toString('base64url')).toString('hex');
        if (!(await startKeyRenewal(trx, target.id, disabled))) throw notFound('Member');
        await deleteSessionsOfStaff(trx, target.id);
        await insertInvitation(trx, {
          id,
          org_id: orgId,
          role: target.role,
          login: target.login,
          display_name: target.display_name,
          token_hash: hashToken(token).toString('hex'),
          secret_sealed: encodeField(sealed),
          totp_secret: null,
          created_by: me.id,
          created_at: now.toISOString(),
          expires_at: expiresAt,
          accepted_staff_id: null,
          mac: null,
          renews_staff_id: target.id,
        });
        await appendAudit(
          trx,
          {
            orgId,
            actorId: me.id,
            action: 'staff.renewal_started',
            subjectType: 'staff',
            subjectId: target.id,
            at: now,
          },
          dialect,
        );
      });
      return c.json<InvitationCreatedDto>({ id, token, expiresAt }, 201);
    },
  );
}
