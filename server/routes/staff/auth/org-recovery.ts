// The organisation recovery key [Note: school recovery key] under /api/staff/org-recovery:
//   GET  /org-recovery        (active members) 200 OrgRecoveryStatusDto
//   PUT  /org-recovery        (active members) 200: a key made in the member's browser replaces
//                             the old one; audited 'org.recovery_key_set'
//   POST /org-recovery/open   (a member waiting for the key) 200 OrgRecoveryOpenDto: the key
//                             versions sealed to the recovery key; audited 'org.recovery_used'
//                             in the organisation's and the municipality's chains
//   POST /org-recovery/grant  (the same member) 204: their browser grants itself the opened keys
// A wrong recovery key is 403 and audited 'org.recovery_refused'; after ten an hour, 429.
import { Hono } from 'hono';
import {
  OpenOrgRecoverySchema,
  RecoveryGrantSchema,
  SetOrgRecoverySchema,
  type OrgRecoveryOpenDto,
  type OrgRecoveryStatusDto,
} from '../../../../shared/protocol/org-recovery.ts';
import { hashAuthKey } from '../../../auth-hash.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { latestInvitationsOf } from '../../../db/repositories/invitations.ts';
import {
  listRecoveryGrants,
  markRecoveryUsed,
  replaceOrgRecovery,
} from '../../../db/repositories/org-recovery.ts';
import { insertKeyGrants } from '../../../db/repositories/organisations.ts';
import { activateMember, findStaffById } from '../../../db/repositories/staff-credentials.ts';
import { ApiError } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import {
  checkMemberEndorsement,
  checkRecoveryEndorsement,
  checkSealedVersions,
} from '../../../services/org-key-versions.ts';
import { checkRecoveryKey, recoveryStatus } from '../../../services/org-recovery.ts';
import { decodeField, encodeField } from '../../../services/wire-bytes.ts';
import { MEMBER_ROLES } from './invitation-lookup.ts';

const member = requireStaff({ roles: MEMBER_ROLES });
const waitingMember = requireStaff({ roles: MEMBER_ROLES, allowInvited: true });

function orgOf(staff: { orgId: string | null }): string {
  if (!staff.orgId) throw new ApiError(403, 'forbidden', 'Not a member of an organisation');
  return staff.orgId;
}

/** Only a member who waits for the key (not one in the middle of a renewal) may use the key. */
async function waitingTarget(db: DbOrTrx, id: string) {
  const target = await findStaffById(db, id);
  if (!target || target.status !== 'invited') {
    throw new ApiError(409, 'conflict', 'You hold the keys already');
  }
  const latest = (await latestInvitationsOf(db, [target.id])).get(target.id);
  if (latest?.renews_staff_id && latest.accepted_staff_id === null) {
    throw new ApiError(409, 'conflict', 'Accept the renewal first');
  }
  return target;
}

export function orgRecoveryRoutes() {
  return new Hono<StaffEnv>()
    .get('/org-recovery', member, async (c) => {
      const orgId = orgOf(c.var.staff);
      return c.json<OrgRecoveryStatusDto>(await recoveryStatus(c.var.deps.db, orgId));
    })
    .put('/org-recovery', member, validate('json', SetOrgRecoverySchema), async (c) => {
      const input = c.req.valid('json');
      const { db, clock, dialect } = c.var.deps;
      const me = c.var.staff;
      const orgId = orgOf(me);
      const boxPublicKey = decodeField(input.boxPublicKey, 'boxPublicKey');
      const endorsement = decodeField(input.endorsement, 'endorsement');
      await checkRecoveryEndorsement(
        db,
        orgId,
        input.endorsementVersion,
        boxPublicKey,
        endorsement,
      );
      const grants = await checkSealedVersions(db, orgId, input.grants, {
        field: 'grants',
        requireCurrent: true,
      });
      const now = clock();
      await db.transaction().execute(async (trx) => {
        await replaceOrgRecovery(
          trx,
          {
            org_id: orgId,
            box_public_key: encodeField(boxPublicKey),
            auth_hash: hashAuthKey(decodeField(input.authKey, 'authKey')),
            endorsement: encodeField(endorsement),
            endorsement_version: input.endorsementVersion,
            created_by: me.id,
            created_at: now.toISOString(),
            last_used_at: null,
          },
          grants,
        );
        await appendAudit(
          trx,
          {
            orgId,
            actorId: me.id,
            action: 'org.recovery_key_set',
            subjectType: 'organisation',
            subjectId: orgId,
            at: now,
          },
          dialect,
        );
      });
      return c.json<OrgRecoveryStatusDto>(await recoveryStatus(db, orgId));
    })
    .post(
      '/org-recovery/open',
      waitingMember,
      validate('json', OpenOrgRecoverySchema),
      async (c) => {
        const { deps, staff: me } = c.var;
        const orgId = orgOf(me);
        await waitingTarget(deps.db, me.id);
        await checkRecoveryKey(deps, orgId, me.id, c.req.valid('json').authKey);
        const now = deps.clock();
        const grants = await deps.db.transaction().execute(async (trx) => {
          await markRecoveryUsed(trx, orgId, now.toISOString());
          // Both chains: the organisation sees it, and so does the administrator's own view.
          for (const chain of [orgId, null]) {
            await appendAudit(
              trx,
              {
                orgId: chain,
                actorId: me.id,
                action: 'org.recovery_used',
                subjectType: 'organisation',
                subjectId: orgId,
                at: now,
              },
              deps.dialect,
            );
          }
          return listRecoveryGrants(trx, orgId);
        });
        return c.json<OrgRecoveryOpenDto>({
          grants: grants.map((g) => ({
            version: Number(g.version),
            sealedKeys: encodeField(g.sealed_keys),
          })),
        });
      },
    )
    .post(
      '/org-recovery/grant',
      waitingMember,
      validate('json', RecoveryGrantSchema),
      async (c) => {
        const input = c.req.valid('json');
        const { deps, staff: me } = c.var;
        const { db, clock, dialect } = deps;
        const orgId = orgOf(me);
        const target = await waitingTarget(db, me.id);
        await checkRecoveryKey(deps, orgId, me.id, input.authKey);
        const endorsement = decodeField(input.endorsement, 'endorsement');
        await checkMemberEndorsement(db, orgId, input.version, target, endorsement);
        const grants = await checkSealedVersions(db, orgId, input.grants, {
          field: 'grants',
          requireCurrent: true,
        });
        const now = clock();
        await db.transaction().execute(async (trx) => {
          if (!(await activateMember(trx, target.id, encodeField(endorsement)))) {
            throw new ApiError(409, 'conflict', 'You hold the keys already');
          }
          await insertKeyGrants(trx, { orgId, staffId: target.id, at: now.toISOString() }, grants);
          await appendAudit(
            trx,
            {
              orgId,
              actorId: me.id,
              action: 'staff.granted_by_recovery',
              subjectType: 'staff',
              subjectId: target.id,
              at: now,
            },
            dialect,
          );
        });
        return c.body(null, 204);
      },
    );
}
