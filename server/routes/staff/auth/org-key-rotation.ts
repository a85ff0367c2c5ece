// POST /api/staff/org-key/versions (NewKeyVersionSchema -> 201 KeyVersionProposedDto): a member's
// browser hands in the organisation's next key version after a colleague left.
//
// [Note: key rotation] When a member leaves, a colleague (or the administrator) deactivates them
// (POST /api/staff/admin/staff/:id/deactivate: sessions end, no sign-in). They may still hold the
// organisation keys their browser once opened, so a remaining member's browser generates a new
// organisation key pair, version current+1, seals it (sealOrgKeys) to every remaining ACTIVE
// member's personal box key and uploads those grants here; the public keys wait in settings
// `pending_key:<orgId>` (server/services/pending-keys.ts) until the administrator signs a
// certificate for them with the offline root key (`npm run admin -- rotate-certificate ... --apply`,
// which clears the proposal). From then on clients seal new reports to the new version (the pupil
// API accepts only the current certificate's version). Old versions stay sealed to the remaining
// members (their old grants stay), so old reports stay readable; the member who left gets no grant
// of the new version, so nothing new opens for them. The server cannot check the sealed keys
// (ciphertext to each member's box key); it checks what it can: the version is the next one, no
// grants of it exist yet, and the grants go to exactly the organisation's active members
// (deactivated and invited members must not get one: an invited member gets the current version
// through the usual grant after a colleague checked their MAC).
import { Hono } from 'hono';
import {
  NewKeyVersionSchema,
  type KeyVersionProposedDto,
  type PendingKeyVersionDto,
} from '../../../../shared/protocol/staff.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import {
  currentCertificateVersion,
  hasKeyGrantsOfVersion,
  insertKeyGrant,
} from '../../../db/repositories/organisations.ts';
import { findOrgRecovery, insertRecoveryGrant } from '../../../db/repositories/org-recovery.ts';
import { listStaffOfOrg } from '../../../db/repositories/staff.ts';
import { ApiError } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import {
  findPendingKey,
  savePendingKey,
  withdrawPendingKey,
} from '../../../services/pending-keys.ts';
import { decodeField } from '../../../services/wire-bytes.ts';
import { MEMBER_ROLES } from './invitation-lookup.ts';

const member = requireStaff({ roles: MEMBER_ROLES });

export function keyRotationRoutes() {
  return (
    new Hono<StaffEnv>()
      // Whether a proposal waits (the team page offers to withdraw only then).
      .get('/org-key/versions/pending', member, async (c) => {
        const { deps, staff: me } = c.var;
        if (!me.orgId) throw new ApiError(403, 'forbidden', 'Not a member of an organisation');
        const pending = await findPendingKey(deps.db, me.orgId);
        return c.json<PendingKeyVersionDto>({ version: pending?.version ?? null });
      })
      .delete('/org-key/versions/pending', member, async (c) => {
        const { deps, staff: me } = c.var;
        if (!me.orgId) throw new ApiError(403, 'forbidden', 'Not a member of an organisation');
        await withdrawPendingKey(deps, me.orgId, me.id);
        return c.body(null, 204);
      })
      .post('/org-key/versions', member, validate('json', NewKeyVersionSchema), async (c) => {
        const input = c.req.valid('json');
        const { db, clock, dialect } = c.var.deps;
        const me = c.var.staff;
        const orgId = me.orgId;
        if (!orgId) throw new ApiError(403, 'forbidden', 'Not a member of an organisation');

        const grants = input.grants.map((g) => ({
          staffId: g.staffId,
          sealed: decodeField(g.sealedKeys, 'sealedKeys'),
        }));
        const now = clock();
        await db.transaction().execute(async (trx) => {
          const current = await currentCertificateVersion(trx, orgId);
          if (input.version !== current + 1) {
            throw new ApiError(
              409,
              'conflict',
              `The next key version is ${current + 1}, not ${input.version}`,
            );
          }
          if (await hasKeyGrantsOfVersion(trx, orgId, input.version)) {
            throw new ApiError(409, 'conflict', `Key version ${input.version} was made already`);
          }
          const active = new Set(
            (await listStaffOfOrg(trx, orgId))
              .filter((s) => s.status === 'active')
              .map((s) => s.id),
          );
          const given = new Set<string>();
          const issues: { path: string; message: string }[] = [];
          for (const g of grants) {
            if (given.has(g.staffId)) {
              issues.push({ path: 'grants', message: `duplicate grant for ${g.staffId}` });
            } else if (!active.has(g.staffId)) {
              issues.push({ path: 'grants', message: `not an active member: ${g.staffId}` });
            }
            given.add(g.staffId);
          }
          for (const id of active) {
            if (!given.has(id)) issues.push({ path: 'grants', message: `missing grant for ${id}` });
          }
          // [Note: school recovery key] The new version is sealed to the recovery key as well (the
          // member's browser checked its endorsement first), or the key would open old reports only.
          const recovery = await findOrgRecovery(trx, orgId);
          if (recovery && !input.recoveryGrant) {
            issues.push({
              path: 'recoveryGrant',
              message: 'the recovery key needs the new version',
            });
          } else if (!recovery && input.recoveryGrant) {
            issues.push({ path: 'recoveryGrant', message: 'the organisation has no recovery key' });
          }
          const recoverySealed = input.recoveryGrant
            ? decodeField(input.recoveryGrant, 'recoveryGrant')
            : null;
          if (issues.length > 0) {
            throw new ApiError(
              400,
              'validation_failed',
              'The grants must go to exactly the active members (and the recovery key)',
              issues,
            );
          }
          for (const g of grants) {
            await insertKeyGrant(trx, {
              org_id: orgId,
              version: input.version,
              staff_id: g.staffId,
              sealed_keys: g.sealed,
              created_at: now.toISOString(),
            });
          }
          if (recoverySealed) {
            await insertRecoveryGrant(trx, orgId, input.version, recoverySealed, now.toISOString());
          }
          await savePendingKey(trx, orgId, {
            version: input.version,
            boxPublicKey: input.boxPublicKey,
            signPublicKey: input.signPublicKey,
          });
          await appendAudit(
            trx,
            {
              orgId,
              actorId: me.id,
              action: 'org.key_rotated',
              subjectType: 'organisation',
              subjectId: orgId,
              at: now,
            },
            dialect,
          );
        });
        return c.json<KeyVersionProposedDto>(
          { version: input.version, grants: grants.length },
          201,
        );
      })
  );
}
