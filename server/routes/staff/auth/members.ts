// The organisation's members, and granting the organisation key to a colleague who accepted an
// invitation. The server cannot check the sealed keys (ciphertext to the member's box key): the
// granting member's browser first opened the invitation secret (sealed to the organisation key),
// verified the invitee's MAC over their public keys with it, and only then sealed the keys to
// them. What the server can check, it does: the endorsement must be the organisation's signature
// (its sign key of that version, from the root-signed certificate) over the member's public keys
// [Note: member endorsement], and both must be of the same organisation. A member whose keys a
// colleague renews (member-renewal.ts) shows as pending again once they accepted the renewal.
import { Hono } from 'hono';
import { GrantSchema, type MemberDto } from '../../../../shared/protocol/staff.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { latestInvitationsOf } from '../../../db/repositories/invitations.ts';
import { insertKeyGrants } from '../../../db/repositories/organisations.ts';
import { activateMember, findStaffById } from '../../../db/repositories/staff-credentials.ts';
import { listStaffOfOrg } from '../../../db/repositories/staff.ts';
import { ApiError, notFound } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { SEALED_ORG_KEYS_BYTES } from '../../../services/login-secret.ts';
import {
  badField,
  checkMemberEndorsement,
  checkSealedVersions,
} from '../../../services/org-key-versions.ts';
import { memberDto } from '../../../services/staff-me.ts';
import { decodeField, encodeField } from '../../../services/wire-bytes.ts';
import { IdParamSchema, MEMBER_ROLES } from './invitation-lookup.ts';

const member = requireStaff({ roles: MEMBER_ROLES });

export function memberRoutes() {
  return new Hono<StaffEnv>()
    .get('/members', member, async (c) => {
      const { db } = c.var.deps;
      const orgId = c.var.staff.orgId;
      if (!orgId) throw new ApiError(403, 'forbidden', 'Not a member of an organisation');
      const staff = await listStaffOfOrg(db, orgId);
      const invitations = await latestInvitationsOf(
        db,
        staff.filter((s) => s.status === 'invited').map((s) => s.id),
      );
      return c.json<MemberDto[]>(staff.map((s) => memberDto(s, invitations.get(s.id))));
    })
    .post(
      '/members/:id/grant',
      member,
      validate('param', IdParamSchema),
      validate('json', GrantSchema),
      async (c) => {
        const input = c.req.valid('json');
        const { db, clock, dialect } = c.var.deps;
        const me = c.var.staff;
        const target = await findStaffById(db, c.req.valid('param').id);
        // Another organisation's member is not found, as if they did not exist.
        if (!me.orgId || !target || target.org_id !== me.orgId) throw notFound('Member');
        if (target.status !== 'invited') {
          throw new ApiError(409, 'conflict', 'Member is not waiting for the key');
        }
        // While a renewal is open the member's keys are the lost ones: nothing to grant them yet.
        const latest = (await latestInvitationsOf(db, [target.id])).get(target.id);
        if (latest?.renews_staff_id && latest.accepted_staff_id === null) {
          throw new ApiError(409, 'conflict', 'Member has not accepted the renewal yet');
        }
        // [Note: renewal approval] Every member can open a renewal's link secret (it is sealed to
        // the organisation key), so the member who started a renewal could accept it with keys
        // of their own and grant them, taking over the colleague's signing identity. A second
        // member must confirm it (after checking with the renewed colleague in person), or the
        // administrator starts it (they hold no organisation key, so any member confirms).
        if (latest?.renews_staff_id && latest.created_by === me.id) {
          throw new ApiError(
            403,
            'forbidden',
            'A second member must confirm a renewal you started',
          );
        }
        const sealed = decodeField(input.sealedKeys, 'sealedKeys');
        if (sealed.length !== SEALED_ORG_KEYS_BYTES) {
          throw badField('sealedKeys', `must be ${SEALED_ORG_KEYS_BYTES} bytes`);
        }
        const endorsement = decodeField(input.endorsement, 'endorsement');
        await checkMemberEndorsement(db, me.orgId, input.version, target, endorsement);
        const older = await checkSealedVersions(db, me.orgId, input.older ?? [], {
          field: 'older',
          requireCurrent: false,
        });
        if (older.some((g) => g.version === input.version)) {
          throw badField('older', `version ${input.version} given twice`);
        }
        const orgId = me.orgId;
        const now = clock();
        await db.transaction().execute(async (trx) => {
          if (!(await activateMember(trx, target.id, encodeField(endorsement)))) {
            throw new ApiError(409, 'conflict', 'Member is not waiting for the key');
          }
          await insertKeyGrants(trx, { orgId, staffId: target.id, at: now.toISOString() }, [
            { version: input.version, sealed },
            ...older,
          ]);
          await appendAudit(
            trx,
            {
              orgId,
              actorId: me.id,
              action: 'staff.granted',
              subjectType: 'staff',
              subjectId: target.id,
              at: now,
            },
            dialect,
          );
        });
        const updated = await findStaffById(db, target.id);
        if (!updated) throw notFound('Member');
        return c.json<MemberDto>(memberDto(updated, undefined));
      },
    );
}
