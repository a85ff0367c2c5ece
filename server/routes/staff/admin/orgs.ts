// The administrator's organisation settings: GET /api/staff/admin/orgs -> 200 AdminOrgListDto
// (every school and the CdR with their settings and members; no keys, hashes or secrets);
// PUT /api/staff/admin/orgs/:id (OrgSettingsSchema) -> 200 AdminOrgDto, 404 for an unknown id;
// POST /api/staff/admin/orgs (CreateOrgSchema) -> 201 AdminOrgDto: a new organisation without a
// key (certificateVersion 0) until its founding member makes one [Note: founding member].
// A change goes into the municipality's audit chain as 'org.settings' (the organisation's id as
// its subject, not the values).
import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import * as v from 'valibot';
import {
  CreateOrgSchema,
  OrgSettingsSchema,
  type AdminOrgDto,
  type AdminOrgListDto,
} from '../../../../shared/protocol/admin.ts';
import { UuidSchema } from '../../../../shared/protocol/common.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import {
  findOrganisationRow,
  insertOrganisation,
  listMembersOfOrgs,
  listOrganisationsWithVersion,
  updateOrgSettings,
  type OrganisationWithVersion,
} from '../../../db/repositories/organisations.ts';
import { listOrgRecoveries } from '../../../db/repositories/org-recovery.ts';
import { ApiError, notFound } from '../../../errors.ts';
import { requireStaff, type StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';

const adminOnly = requireStaff({ roles: ['admin'] });
const OrgParamsSchema = v.object({ id: UuidSchema });

function recoveryOf(r: { created_at: string; last_used_at: string | null } | undefined) {
  return r ? { createdAt: r.created_at, lastUsedAt: r.last_used_at } : null;
}

async function withMembers(db: DbOrTrx, orgs: OrganisationWithVersion[]): Promise<AdminOrgDto[]> {
  const members = await listMembersOfOrgs(
    db,
    orgs.map((o) => o.id),
  );
  const recoveries = new Map((await listOrgRecoveries(db)).map((r) => [r.org_id, r]));
  return orgs.map((o) => ({
    id: o.id,
    kind: o.kind,
    name: o.name,
    code: o.code,
    address: o.address,
    phone: o.phone,
    hours: o.hours,
    waitTargetHours: o.wait_target_hours,
    alertEmail: o.alert_email,
    alertUrgentOnly: o.alert_urgent_only === 1,
    certificateVersion: o.cert_version,
    members: members
      .filter((m) => m.org_id === o.id)
      .map((m) => ({
        id: m.id,
        displayName: m.display_name,
        login: m.login,
        role: m.role,
        status: m.status,
      })),
    recovery: recoveryOf(recoveries.get(o.id)),
  }));
}

export function orgSettingsRoutes(): Hono<StaffEnv> {
  return new Hono<StaffEnv>()
    .get('/', adminOnly, async (c) => {
      const db = c.var.deps.db;
      const organisations = await withMembers(db, await listOrganisationsWithVersion(db));
      return c.json<AdminOrgListDto>({ organisations });
    })
    .post('/', adminOnly, validate('json', CreateOrgSchema), async (c) => {
      const { deps, staff } = c.var;
      const input = c.req.valid('json');
      if (await findOrganisationRow(deps.db, { code: input.code })) {
        throw new ApiError(409, 'conflict', `The code ${input.code} is taken`);
      }
      const id = randomUUID();
      const now = deps.clock();
      await deps.db.transaction().execute(async (trx) => {
        await insertOrganisation(trx, {
          id,
          kind: input.kind,
          name: input.name,
          code: input.code,
          receipt_salt: randomBytes(16).toString('base64url'),
          address: input.address,
          phone: input.phone,
          hours: input.hours,
          wait_target_hours: input.waitTargetHours,
          alert_email: input.alertEmail,
          alert_urgent_only: input.alertUrgentOnly ? 1 : 0,
          created_at: now.toISOString(),
        });
        await appendAudit(
          trx,
          {
            orgId: null,
            actorId: staff.id,
            action: 'org.created',
            subjectType: 'organisation',
            subjectId: id,
            at: now,
          },
          deps.dialect,
        );
      });
      const [dto] = await withMembers(deps.db, await listOrganisationsWithVersion(deps.db, id));
      if (!dto) throw notFound('Organisation');
      return c.json<AdminOrgDto>(dto, 201);
    })
    .put(
      '/:id',
      adminOnly,
      validate('param', OrgParamsSchema),
      validate('json', OrgSettingsSchema),
      async (c) => {
        const { deps, staff } = c.var;
        const id = c.req.valid('param').id.toLowerCase();
        const input = c.req.valid('json');
        const org = await deps.db.transaction().execute(async (trx) => {
          // Only the settings: the name and code are part of the root-signed certificate and of
          // the printed posters (the kiosk URL /s/<code>), so they are not editable here; they
          // change only with a new certificate.
          const found = await updateOrgSettings(trx, id, {
            address: input.address,
            phone: input.phone,
            hours: input.hours,
            wait_target_hours: input.waitTargetHours,
            alert_email: input.alertEmail,
            alert_urgent_only: input.alertUrgentOnly ? 1 : 0,
          });
          if (!found) throw notFound('Organisation');
          await appendAudit(
            trx,
            {
              orgId: null,
              actorId: staff.id,
              action: 'org.settings',
              subjectType: 'organisation',
              subjectId: id,
              at: deps.clock(),
            },
            deps.dialect,
          );
          return listOrganisationsWithVersion(trx, id);
        });
        const [dto] = await withMembers(deps.db, org);
        if (!dto) throw notFound('Organisation');
        return c.json<AdminOrgDto>(dto);
      },
    );
}
