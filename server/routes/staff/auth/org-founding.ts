// [Note: founding member] A new school or CdR (made by the administrator, POST
// /api/staff/admin/orgs) has no key and no certificate. Its first member, invited by the
// administrator, makes the organisation key in their own browser:
//   POST /org-key/founding {boxPublicKey, signPublicKey, sealedKeys} (the waiting first member)
//        -> 201: the keys sealed to themself become their grant of version 1 and the public keys a
//        pending proposal, which the administrator certifies with the offline root key
//        (`npm run admin -- rotate-certificate --org CODE ... --apply`, which prints the key's
//        fingerprint for the administrator to compare with the member's screen);
//   POST /org-key/founding/activate {endorsement} -> 204: once certified, the member's browser
//        checks that the certificate names the keys it made, endorses its own keys with them, and
//        the member becomes active; 400 when the endorsement is not by the certified key.
// Before the first certificate only this one member can be invited (admin/staff.ts), so nobody
// else waits for a key no one can grant.
import { Hono } from 'hono';
import * as v from 'valibot';
import { B64Bytes } from '../../../../shared/protocol/pupil.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import {
  currentCertificateVersion,
  findKeyGrant,
  hasKeyGrantsOfVersion,
  insertKeyGrant,
} from '../../../db/repositories/organisations.ts';
import { activateMember, findStaffById } from '../../../db/repositories/staff-credentials.ts';
import { ApiError } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { checkMemberEndorsement } from '../../../services/org-key-versions.ts';
import { findPendingKey, savePendingKey } from '../../../services/pending-keys.ts';
import { decodeField, encodeField } from '../../../services/wire-bytes.ts';
import { MEMBER_ROLES } from './invitation-lookup.ts';

const waitingMember = requireStaff({ roles: MEMBER_ROLES, allowInvited: true });

const FoundingSchema = v.object({
  boxPublicKey: B64Bytes(32),
  signPublicKey: B64Bytes(32),
  sealedKeys: B64Bytes(210),
});
const ActivateSchema = v.object({ endorsement: B64Bytes(64) });

async function invitedMember(db: DbOrTrx, id: string) {
  const me = await findStaffById(db, id);
  if (!me?.org_id || me.status !== 'invited') {
    throw new ApiError(409, 'conflict', 'You hold the keys already');
  }
  return { ...me, org_id: me.org_id };
}

export function orgFoundingRoutes() {
  return new Hono<StaffEnv>()
    .post('/org-key/founding', waitingMember, validate('json', FoundingSchema), async (c) => {
      const input = c.req.valid('json');
      const { db, clock, dialect } = c.var.deps;
      const me = await invitedMember(db, c.var.staff.id);
      const orgId = me.org_id;
      const sealed = decodeField(input.sealedKeys, 'sealedKeys');
      const now = clock();
      await db.transaction().execute(async (trx) => {
        if (
          (await currentCertificateVersion(trx, orgId)) > 0 ||
          (await hasKeyGrantsOfVersion(trx, orgId, 1)) ||
          (await findPendingKey(trx, orgId))
        ) {
          throw new ApiError(409, 'conflict', 'The organisation has a key already');
        }
        await insertKeyGrant(trx, {
          org_id: orgId,
          version: 1,
          staff_id: me.id,
          sealed_keys: sealed,
          created_at: now.toISOString(),
        });
        await savePendingKey(trx, orgId, {
          version: 1,
          boxPublicKey: encodeField(decodeField(input.boxPublicKey, 'boxPublicKey')),
          signPublicKey: encodeField(decodeField(input.signPublicKey, 'signPublicKey')),
        });
        await appendAudit(
          trx,
          {
            orgId,
            actorId: me.id,
            action: 'org.key_founded',
            subjectType: 'organisation',
            subjectId: orgId,
            at: now,
          },
          dialect,
        );
      });
      return c.json({ version: 1 }, 201);
    })
    .post(
      '/org-key/founding/activate',
      waitingMember,
      validate('json', ActivateSchema),
      async (c) => {
        const { db, clock, dialect } = c.var.deps;
        const me = await invitedMember(db, c.var.staff.id);
        const orgId = me.org_id;
        if (!(await findKeyGrant(db, { orgId, version: 1, staffId: me.id }))) {
          throw new ApiError(409, 'conflict', 'You did not make the organisation key');
        }
        if ((await currentCertificateVersion(db, orgId)) === 0) {
          throw new ApiError(409, 'conflict', 'The administrator has not certified the key yet');
        }
        const endorsement = decodeField(c.req.valid('json').endorsement, 'endorsement');
        await checkMemberEndorsement(db, orgId, 1, me, endorsement);
        const now = clock();
        await db.transaction().execute(async (trx) => {
          if (!(await activateMember(trx, me.id, encodeField(endorsement)))) {
            throw new ApiError(409, 'conflict', 'You hold the keys already');
          }
          await appendAudit(
            trx,
            {
              orgId,
              actorId: me.id,
              action: 'staff.granted',
              subjectType: 'staff',
              subjectId: me.id,
              at: now,
            },
            dialect,
          );
        });
        return c.body(null, 204);
      },
    );
}
