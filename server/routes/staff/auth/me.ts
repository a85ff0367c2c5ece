// The signed-in member (also while still waiting for the organisation key) and their password.
// A password change re-wraps only the personal keys (docs/protocol.md, "Staff password"), checks
// the current password like a sign-in (counting towards the slow-down, one uniform 401 [Note: uniform
// sign-in failure]) and ends the member's other sessions, which a thief may hold.
import { Hono } from 'hono';
import { ChangePasswordSchema, type StaffMeDto } from '../../../../shared/protocol/staff.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import {
  deleteOtherSessions,
  findStaffById,
  setPasswordMaterial,
} from '../../../db/repositories/staff-credentials.ts';
import { ApiError } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import {
  authKeyMatches,
  clearLoginFailures,
  padFailures,
  settleAttempt,
} from '../../../services/login-guard.ts';
import { staffMe } from '../../../services/staff-me.ts';
import { decodeField } from '../../../services/wire-bytes.ts';
import { passwordMaterial } from './password-input.ts';

const signedIn = requireStaff({ allowInvited: true });

export function meRoutes(failureMs?: number) {
  return new Hono<StaffEnv>()
    .get('/me', signedIn, async (c) => {
      const staff = await findStaffById(c.var.deps.db, c.var.staff.id);
      if (!staff) throw new ApiError(401, 'unauthorized', 'Not signed in');
      return c.json<StaffMeDto>(await staffMe(c.var.deps.db, staff));
    })
    .put(
      '/me/password',
      signedIn,
      padFailures(failureMs),
      validate('json', ChangePasswordSchema),
      async (c) => {
        const input = c.req.valid('json');
        const deps = c.var.deps;
        const material = passwordMaterial(input);
        const found = await findStaffById(deps.db, c.var.staff.id);
        const current = decodeField(input.currentAuthKey, 'currentAuthKey');
        const staff = await settleAttempt(
          deps,
          found?.login ?? '',
          found,
          authKeyMatches(found, current),
          'staff.password_change_failed',
        );
        const now = deps.clock();
        await deps.db.transaction().execute(async (trx) => {
          await setPasswordMaterial(trx, staff.id, material);
          await clearLoginFailures(trx, staff.login);
          await deleteOtherSessions(trx, staff.id, c.var.staff.tokenHash);
          await appendAudit(
            trx,
            {
              orgId: staff.org_id,
              actorId: staff.id,
              action: 'staff.password_changed',
              subjectType: 'staff',
              subjectId: staff.id,
              at: now,
            },
            deps.dialect,
          );
        });
        return c.body(null, 204);
      },
    );
}
