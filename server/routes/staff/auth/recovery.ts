// Recovery with the printed recovery key: the browser opens the personal keys with it, picks a
// new password and proves it holds the personal sign key by signing the new authKey. The server
// checks that proof against the stored public key and the TOTP code; every refusal is the one
// uniform 401 and counts towards the slow-down [Note: uniform sign-in failure], [Note: sign-in
// slow-down]; the right proof and code always pass.
import { Hono } from 'hono';
import { toB64 } from '../../../../shared/envelope/base64url.ts';
import { encodeUtf8 } from '../../../../shared/envelope/utf8.ts';
import {
  RecoveryParamsSchema,
  RecoverySchema,
  type RecoveryParamsDto,
} from '../../../../shared/protocol/staff.ts';
import type { AppEnv } from '../../../app-env.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { setPasswordMaterial } from '../../../db/repositories/staff-credentials.ts';
import { deleteSessionsOfStaff } from '../../../db/repositories/staff-sessions.ts';
import { findStaffByLogin } from '../../../db/repositories/staff.ts';
import { validate } from '../../../middleware/validate.ts';
import { verifyEd25519 } from '../../../services/ed25519.ts';
import { clearLoginFailures, padFailures, settleAttempt } from '../../../services/login-guard.ts';
import { fakeRecoveryBlob, loginSecret } from '../../../services/login-secret.ts';
import { verifyTotp } from '../../../services/totp.ts';
import { decodeField, encodeField } from '../../../services/wire-bytes.ts';
import { passwordMaterial } from './password-input.ts';

/** What the recovery proof signs (shared/protocol/staff.ts, RecoverySchema). */
export const recoveryProofMessage = (login: string, authKey: Uint8Array) =>
  encodeUtf8(`bezpieczny-glos/v1/recovery\0${login}\0${toB64(authKey)}`);

export function recoveryRoutes(failureMs?: number) {
  return new Hono<AppEnv>()
    .post('/recovery/params', validate('json', RecoveryParamsSchema), async (c) => {
      const { login } = c.req.valid('json');
      const { db } = c.var.deps;
      const staff = await findStaffByLogin(db, login);
      // The blob is useless without the recovery key (32 random bytes), so handing it out is
      // safe; an unknown login gets a stable fake of the same length.
      const blob =
        staff && staff.status !== 'deactivated'
          ? staff.recovery_wrapped_keys
          : fakeRecoveryBlob(await loginSecret(db), login);
      return c.json<RecoveryParamsDto>({ recoveryWrappedKeys: encodeField(blob) });
    })
    .post('/recovery', padFailures(failureMs), validate('json', RecoverySchema), async (c) => {
      const input = c.req.valid('json');
      const deps = c.var.deps;
      const material = passwordMaterial(input);
      const authKey = decodeField(input.authKey, 'authKey');
      const proof = decodeField(input.proof, 'proof');
      const found = await findStaffByLogin(deps.db, input.login);
      // An unknown login is checked against a zero key, so it costs the same and fails.
      const signKey = found ? Buffer.from(found.sign_public_key, 'base64url') : Buffer.alloc(32);
      const proofOk = verifyEd25519(signKey, recoveryProofMessage(input.login, authKey), proof);
      const totpOk =
        (await verifyTotp(found?.totp_secret ?? null, input.totp, deps.clock())) !== null;
      const staff = await settleAttempt(
        deps,
        input.login,
        found,
        proofOk && totpOk,
        'staff.recovery_failed',
      );
      const now = deps.clock();
      await deps.db.transaction().execute(async (trx) => {
        await setPasswordMaterial(trx, staff.id, material);
        await clearLoginFailures(trx, input.login);
        await deleteSessionsOfStaff(trx, staff.id);
        await appendAudit(
          trx,
          {
            orgId: staff.org_id,
            actorId: staff.id,
            action: 'staff.recovered',
            subjectType: 'staff',
            subjectId: staff.id,
            at: now,
          },
          deps.dialect,
        );
      });
      return c.body(null, 204);
    });
}
