// What a key rotation needs from the administrator's side [Note: key rotation]:
// GET /api/staff/admin/pending-keys (admin) -> 200 PendingKeysDto, the key versions members made
// that wait for a certificate (the public keys to pass to `rotate-certificate`), and
// POST /api/staff/admin/staff/:id/deactivate -> 204, by the administrator or an active member of
// the member's organisation (another organisation's member is not found): the member can no longer
// sign in, their sessions end, and 'staff.deactivated' goes into the organisation's audit chain;
// DELETE /api/staff/admin/pending-keys/:id (an organisation id) -> 204 (404 when none): the
// administrator withdraws a proposal they will not sign (pending-keys.ts, withdrawPendingKey).
import { Hono } from 'hono';
import type { PendingKeysDto } from '../../../../shared/protocol/staff.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { findOrganisationRow } from '../../../db/repositories/organisations.ts';
import { deactivateStaff, findStaffById } from '../../../db/repositories/staff-credentials.ts';
import { ApiError, notFound } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { listPendingKeys, withdrawPendingKey } from '../../../services/pending-keys.ts';
import { IdParamSchema, MEMBER_ROLES } from '../auth/invitation-lookup.ts';

const adminOnly = requireStaff({ roles: ['admin'] });
const adminOrMember = requireStaff({ roles: ['admin', ...MEMBER_ROLES] });

export function keyRotationAdminRoutes(): Hono<StaffEnv> {
  return new Hono<StaffEnv>()
    .get('/pending-keys', adminOnly, async (c) => {
      const { db } = c.var.deps;
      const pending: PendingKeysDto['pending'] = [];
      for (const p of await listPendingKeys(db)) {
        const org = await findOrganisationRow(db, { id: p.orgId });
        if (!org) continue;
        pending.push({
          orgId: org.id,
          code: org.code,
          name: org.name,
          version: p.version,
          boxPublicKey: p.boxPublicKey,
          signPublicKey: p.signPublicKey,
        });
      }
      return c.json<PendingKeysDto>({ pending });
    })
    .delete('/pending-keys/:id', adminOnly, validate('param', IdParamSchema), async (c) => {
      const { deps, staff: me } = c.var;
      await withdrawPendingKey(deps, c.req.valid('param').id, me.id);
      return c.body(null, 204);
    })
    .post('/staff/:id/deactivate', adminOrMember, validate('param', IdParamSchema), async (c) => {
      const { db, clock, dialect } = c.var.deps;
      const me = c.var.staff;
      const target = await findStaffById(db, c.req.valid('param').id);
      // Organisation members only (not the administrator); a member reaches their own
      // organisation's colleagues only, anyone else is not found.
      const orgId = target?.org_id ?? null;
      if (!target || orgId === null || (me.role !== 'admin' && me.orgId !== orgId)) {
        throw notFound('Member');
      }
      if (target.id === me.id) {
        throw new ApiError(409, 'conflict', 'A member cannot deactivate themselves');
      }
      const now = clock();
      await db.transaction().execute(async (trx) => {
        if (!(await deactivateStaff(trx, target.id))) {
          throw new ApiError(409, 'conflict', 'Member is deactivated already');
        }
        await appendAudit(
          trx,
          {
            orgId,
            actorId: me.id,
            action: 'staff.deactivated',
            subjectType: 'staff',
            subjectId: target.id,
            at: now,
          },
          dialect,
        );
      });
      return c.body(null, 204);
    });
}
