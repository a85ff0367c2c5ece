// POST /members/:id/renew: a colleague renews the keys of a member who lost both password and
// recovery key. Nothing can open the old personal keys any more, so the member gets new ones the
// way a newcomer does: a renewal invitation (link secret sealed to the organisation key, as in
// invitations.ts) that they accept with new keys MAC'd by the secret (invitation-accept.ts), after
// which a colleague's browser checks the MAC and grants the key again (members.ts). Meanwhile the
// member can use nothing: their sessions end, their password stops working, they wait as
// 'invited', and the grants sealed to the lost keys are deleted.
import { Hono } from 'hono';
import { RenewMemberSchema, type InvitationCreatedDto } from '../../../../shared/protocol/staff.ts';
import { findStaffById } from '../../../db/repositories/staff-credentials.ts';
import { sealedInviteSecret, startRenewal } from '../../../services/invitations.ts';
import { ApiError, notFound } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { IdParamSchema, MEMBER_ROLES } from './invitation-lookup.ts';

export function renewalRoutes() {
  return new Hono<StaffEnv>().post(
    '/members/:id/renew',
    requireStaff({ roles: MEMBER_ROLES }),
    validate('param', IdParamSchema),
    validate('json', RenewMemberSchema),
    async (c) => {
      const me = c.var.staff;
      const target = await findStaffById(c.var.deps.db, c.req.valid('param').id);
      // Another organisation's member is not found, as if they did not exist; nor is a former one.
      if (!me.orgId || !target || target.org_id !== me.orgId || target.status === 'deactivated') {
        throw notFound('Member');
      }
      if (target.id === me.id) {
        throw new ApiError(400, 'bad_request', 'A colleague has to renew your keys');
      }
      const sealed = sealedInviteSecret(c.req.valid('json').secretSealed);
      const created = await startRenewal(
        c.var.deps,
        { ...target, org_id: me.orgId },
        sealed,
        me.id,
      );
      return c.json<InvitationCreatedDto>(created, 201);
    },
  );
}
