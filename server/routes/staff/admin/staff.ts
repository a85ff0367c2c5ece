// The administrator's side of staffing an organisation: invitations and key renewals, for when no
// member can make them (a new school, or every counsellor lost their password). The
// administrator's browser seals the link's secret to the organisation's certified box key, so it
// never holds the organisation key; a member (or the school recovery key [Note: school recovery
// key]) grants the key after checking the newcomer's MAC, as for any invitation.
//   POST /api/staff/admin/orgs/:id/invitations (AdminInvitationSchema) -> 201 InvitationCreatedDto
//        (a school's invitee becomes a counsellor, the CdR's a specialist; 404 unknown org; for an
//        organisation without a key, only its founding member, with no sealed secret)
//   POST /api/staff/admin/staff/:id/renew (RenewMemberSchema) -> 201 InvitationCreatedDto
import { Hono } from 'hono';
import {
  AdminInvitationSchema,
  RenewMemberSchema,
  type InvitationCreatedDto,
} from '../../../../shared/protocol/staff.ts';
import { hasAnyoneJoined } from '../../../db/repositories/invitations.ts';
import {
  currentCertificateVersion,
  findOrganisationRow,
} from '../../../db/repositories/organisations.ts';
import { findStaffById } from '../../../db/repositories/staff-credentials.ts';
import { ApiError, notFound } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import {
  createInvitation,
  sealedInviteSecret,
  startRenewal,
} from '../../../services/invitations.ts';
import { IdParamSchema } from '../auth/invitation-lookup.ts';

const adminOnly = requireStaff({ roles: ['admin'] });

export function adminStaffRoutes(): Hono<StaffEnv> {
  return new Hono<StaffEnv>()
    .post(
      '/orgs/:id/invitations',
      adminOnly,
      validate('param', IdParamSchema),
      validate('json', AdminInvitationSchema),
      async (c) => {
        const { deps, staff: me } = c.var;
        const input = c.req.valid('json');
        const org = await findOrganisationRow(deps.db, { id: c.req.valid('param').id });
        if (!org) throw notFound('Organisation');
        const certified = (await currentCertificateVersion(deps.db, org.id)) > 0;
        if (certified && input.secretSealed === undefined) {
          throw new ApiError(400, 'validation_failed', 'Invalid secretSealed', [
            { path: 'secretSealed', message: 'required: the organisation has a key' },
          ]);
        }
        // [Note: founding member] Before the organisation has a key, only its first member.
        if (
          !certified &&
          (input.secretSealed !== undefined ||
            (await hasAnyoneJoined(deps.db, org.id, deps.clock().toISOString())))
        ) {
          throw new ApiError(
            409,
            'conflict',
            'The organisation has no key yet: its first member makes it before others are invited',
          );
        }
        const created = await createInvitation(deps, {
          orgId: org.id,
          role: org.kind === 'school' ? 'counsellor' : 'cdr_specialist',
          login: input.login,
          displayName: input.displayName,
          secretSealed:
            input.secretSealed === undefined ? null : sealedInviteSecret(input.secretSealed),
          createdBy: me.id,
        });
        return c.json<InvitationCreatedDto>(created, 201);
      },
    )
    .post(
      '/staff/:id/renew',
      adminOnly,
      validate('param', IdParamSchema),
      validate('json', RenewMemberSchema),
      async (c) => {
        const { deps, staff: me } = c.var;
        const target = await findStaffById(deps.db, c.req.valid('param').id);
        // Members of an organisation only; the administrator's own account is not renewed here.
        if (!target || target.org_id === null || target.status === 'deactivated') {
          throw notFound('Member');
        }
        const sealed = sealedInviteSecret(c.req.valid('json').secretSealed);
        const created = await startRenewal(
          deps,
          { ...target, org_id: target.org_id },
          sealed,
          me.id,
        );
        return c.json<InvitationCreatedDto>(created, 201);
      },
    );
}
