// POST /invitations/:id/accept: the invitee's public keys, wrapped keys and password, MAC'd with
// the link secret, and a code from the authenticator set up when they opened the link. The server
// cannot check the MAC (it never sees the secret): a colleague's browser does before granting the
// key (members.ts). The new member is 'invited' and signed in, able to see /me and wait.
// A renewal (member-renewal.ts) creates no account: the same input replaces the existing member's
// keys, password and TOTP, and they wait for the key again like a newcomer.
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { AcceptInvitationSchema, type StaffMeDto } from '../../../../shared/protocol/staff.ts';
import { isUniqueViolation } from '../../../db/constraint.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { markInvitationAccepted } from '../../../db/repositories/invitations.ts';
import {
  findStaffById,
  renewMemberKeys,
  type RenewedKeys,
} from '../../../db/repositories/staff-credentials.ts';
import { findStaffByLogin, insertStaff } from '../../../db/repositories/staff.ts';
import type { Invitation } from '../../../db/tables/staff-work.ts';
import { ApiError } from '../../../errors.ts';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { startStaffSession } from '../../../services/staff-session.ts';
import { staffMe } from '../../../services/staff-me.ts';
import { verifyTotp } from '../../../services/totp.ts';
import { decodeField, encodeField } from '../../../services/wire-bytes.ts';
import { IdParamSchema, invitationByToken } from './invitation-lookup.ts';
import { passwordMaterial, wrappedKeysField } from './password-input.ts';

const used = () => new ApiError(409, 'conflict', 'Invitation already used');
const gone = () => new ApiError(404, 'not_found', 'Invitation not found or expired');

/** The renewed member's new keys, in place of the ones they lost; returns their id. */
async function acceptRenewal(
  c: Context<StaffEnv>,
  invitation: Invitation,
  renewsId: string,
  keys: Omit<RenewedKeys, 'totpSecret'>,
  mac: string,
  now: Date,
): Promise<string> {
  const { db, dialect, secureTransport } = c.var.deps;
  const target = await findStaffById(db, renewsId);
  // A member deactivated (or moved) since the renewal began is no longer to be renewed.
  if (!target || target.org_id !== invitation.org_id || target.status !== 'invited') throw gone();
  // The code was checked against it, so it is there; the member's authenticator now holds it.
  const totpSecret = invitation.totp_secret;
  if (totpSecret === null) throw gone();
  await db.transaction().execute(async (trx) => {
    if (!(await markInvitationAccepted(trx, invitation.id, target.id, mac))) throw used();
    if (!(await renewMemberKeys(trx, target.id, { ...keys, totpSecret }))) throw gone();
    await appendAudit(
      trx,
      {
        orgId: invitation.org_id,
        actorId: target.id,
        action: 'staff.renewed',
        subjectType: 'staff',
        subjectId: target.id,
        at: now,
      },
      dialect,
    );
    await startStaffSession(c, trx, target.id, now, secureTransport);
  });
  return target.id;
}

export function acceptRoute() {
  return new Hono<StaffEnv>().post(
    '/invitations/:id/accept',
    validate('param', IdParamSchema),
    validate('json', AcceptInvitationSchema),
    async (c) => {
      const input = c.req.valid('json');
      const { id } = c.req.valid('param');
      const { db, clock, dialect, secureTransport } = c.var.deps;
      const now = clock();
      const material = passwordMaterial(input);
      const recoveryWrapped = wrappedKeysField(input.recoveryWrappedKeys, 'recoveryWrappedKeys');
      const boxPublicKey = encodeField(decodeField(input.boxPublicKey, 'boxPublicKey'));
      const signPublicKey = encodeField(decodeField(input.signPublicKey, 'signPublicKey'));
      const mac = encodeField(decodeField(input.mac, 'mac'));

      const invitation = await invitationByToken(db, id, input.token, now);
      if (invitation.accepted_staff_id !== null) throw used();
      if ((await verifyTotp(invitation.totp_secret, input.totp, now)) === null) {
        throw new ApiError(401, 'unauthorized', 'Wrong code from the authenticator app');
      }
      if (invitation.renews_staff_id !== null) {
        const renewedId = await acceptRenewal(
          c,
          invitation,
          invitation.renews_staff_id,
          {
            material,
            boxPublicKey,
            signPublicKey,
            recoveryWrappedKeys: recoveryWrapped,
          },
          mac,
          now,
        );
        const renewed = await findStaffById(db, renewedId);
        if (!renewed) throw new Error('renewed member vanished');
        return c.json<StaffMeDto>(await staffMe(db, renewed), 201);
      }
      if (await findStaffByLogin(db, invitation.login)) {
        throw new ApiError(409, 'conflict', 'An account with this login exists');
      }
      const staffId = randomUUID();
      try {
        await db.transaction().execute(async (trx) => {
          await insertStaff(trx, {
            id: staffId,
            org_id: invitation.org_id,
            role: invitation.role,
            status: 'invited',
            display_name: invitation.display_name,
            login: invitation.login,
            auth_salt: material.salt,
            auth_opslimit: material.opslimit,
            auth_memlimit: material.memlimit,
            auth_hash: material.authHash,
            box_public_key: boxPublicKey,
            sign_public_key: signPublicKey,
            wrapped_keys: material.wrappedKeys,
            recovery_wrapped_keys: recoveryWrapped,
            org_endorsement: null,
            totp_secret: invitation.totp_secret,
            created_at: now.toISOString(),
          });
          // Guarded update: of two accepts racing, one wins and the other rolls back its row.
          if (!(await markInvitationAccepted(trx, id, staffId, mac))) throw used();
          await appendAudit(
            trx,
            {
              orgId: invitation.org_id,
              actorId: staffId,
              action: 'staff.invited_accepted',
              subjectType: 'invitation',
              subjectId: id,
              at: now,
            },
            dialect,
          );
          await startStaffSession(c, trx, staffId, now, secureTransport);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw used();
        throw err;
      }
      const staff = await findStaffById(db, staffId);
      if (!staff) throw new Error('accepted member vanished');
      return c.json<StaffMeDto>(await staffMe(db, staff), 201);
    },
  );
}
