// Sign-in and sign-out [Note: staff sessions]. The login parameters of an unknown login are
// made up from the server's login secret, stable and shaped like real ones; a refused login gets
// the one uniform 401 after a fixed time [Note: uniform sign-in failure].
import { Hono } from 'hono';
import {
  LoginParamsSchema,
  LoginRequestSchema,
  type LoginParamsDto,
  type StaffMeDto,
} from '../../../../shared/protocol/staff.ts';
import type { AppEnv } from '../../../app-env.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { spendTotpStep } from '../../../db/repositories/staff-credentials.ts';
import { deleteStaffSession } from '../../../db/repositories/staff-sessions.ts';
import { findStaffByLogin } from '../../../db/repositories/staff.ts';
import { validate } from '../../../middleware/validate.ts';
import {
  authKeyMatches,
  clearLoginFailures,
  padFailures,
  settleAttempt,
  uniformFailure,
} from '../../../services/login-guard.ts';
import { fakeLoginParams, loginSecret } from '../../../services/login-secret.ts';
import {
  clearSessionCookie,
  hashStaffToken,
  sessionToken,
  startStaffSession,
} from '../../../services/staff-session.ts';
import { staffMe } from '../../../services/staff-me.ts';
import { verifyTotp } from '../../../services/totp.ts';
import { decodeField } from '../../../services/wire-bytes.ts';

export function loginRoutes(failureMs?: number) {
  return new Hono<AppEnv>()
    .post('/login/params', validate('json', LoginParamsSchema), async (c) => {
      const { login } = c.req.valid('json');
      const { db } = c.var.deps;
      const staff = await findStaffByLogin(db, login);
      // A deactivated account answers like an unknown one: nobody can sign in to it anyway.
      if (!staff || staff.status === 'deactivated') {
        return c.json<LoginParamsDto>(fakeLoginParams(await loginSecret(db), login));
      }
      return c.json<LoginParamsDto>({
        salt: staff.auth_salt,
        opslimit: staff.auth_opslimit,
        memlimit: staff.auth_memlimit,
      });
    })
    .post('/login', padFailures(failureMs), validate('json', LoginRequestSchema), async (c) => {
      const input = c.req.valid('json');
      const deps = c.var.deps;
      const authKey = decodeField(input.authKey, 'authKey');
      const found = await findStaffByLogin(deps.db, input.login);
      // Both factors are always checked, so the work does not depend on which one is wrong.
      const passwordOk = authKeyMatches(found, authKey);
      const step = await verifyTotp(
        found?.totp_secret ?? null,
        input.totp,
        deps.clock(),
        found?.totp_last_step,
      );
      const staff = await settleAttempt(
        deps,
        input.login,
        found,
        passwordOk && step !== null,
        'staff.login_failed',
      );

      const now = deps.clock();
      await deps.db.transaction().execute(async (trx) => {
        // Two sign-ins racing with one code: only the first moves the step forward.
        if (!(await spendTotpStep(trx, staff.id, step ?? 0))) throw uniformFailure();
        await clearLoginFailures(trx, input.login);
        await startStaffSession(c, trx, staff.id, now, deps.secureTransport);
        await appendAudit(
          trx,
          {
            orgId: staff.org_id,
            actorId: staff.id,
            action: 'staff.login',
            subjectType: 'staff',
            subjectId: staff.id,
            at: now,
          },
          deps.dialect,
        );
      });
      return c.json<StaffMeDto>(await staffMe(deps.db, staff), 200);
    })
    .post('/logout', async (c) => {
      const { db, secureTransport } = c.var.deps;
      const token = sessionToken(c, secureTransport);
      if (token) await deleteStaffSession(db, hashStaffToken(token));
      clearSessionCookie(c, secureTransport);
      return c.body(null, 204);
    });
}
