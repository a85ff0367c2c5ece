import type { DbOrTrx } from '../database.ts';
import type {
  NewOrgCertificate,
  NewOrgKeyGrant,
  NewOrganisation,
  OrgCertificate,
  OrgKeyGrant,
  Organisation,
  OrganisationUpdate,
} from '../tables/organisations.ts';

export async function insertOrganisation(db: DbOrTrx, org: NewOrganisation): Promise<void> {
  await db.insertInto('organisations').values(org).execute();
}

export async function insertCertificate(db: DbOrTrx, cert: NewOrgCertificate): Promise<void> {
  await db.insertInto('org_certificates').values(cert).execute();
}

export async function insertKeyGrant(db: DbOrTrx, grant: NewOrgKeyGrant): Promise<void> {
  await db.insertInto('org_key_grants').values(grant).execute();
}

/** Several versions of the organisation's keys, each sealed to the same member. */
export async function insertKeyGrants(
  db: DbOrTrx,
  to: { orgId: string; staffId: string; at: string },
  grants: readonly { version: number; sealed: Uint8Array }[],
): Promise<void> {
  for (const g of grants) {
    await insertKeyGrant(db, {
      org_id: to.orgId,
      version: g.version,
      staff_id: to.staffId,
      sealed_keys: g.sealed,
      created_at: to.at,
    });
  }
}

export async function countOrganisations(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type OrganisationWithCertificate = Organisation & {
  cert_body: string;
  cert_signature: string;
  cert_version: number;
};

/** Organisations joined with their current (highest-version) certificate. */
function withCurrentCertificate(db: DbOrTrx) {
  return db
    .selectFrom('organisations as o')
    .innerJoin('org_certificates as c', 'c.org_id', 'o.id')
    .where(({ eb, selectFrom }) =>
      eb(
        'c.version',
        '=',
        selectFrom('org_certificates as c2')
          .whereRef('c2.org_id', '=', 'o.id')
          .select((e) => e.fn.max('c2.version').as('v')),
      ),
    )
    .selectAll('o')
    .select(['c.body as cert_body', 'c.signature as cert_signature', 'c.version as cert_version']);
}

export function listOrganisations(db: DbOrTrx): Promise<OrganisationWithCertificate[]> {
  return withCurrentCertificate(db).orderBy('o.kind', 'desc').orderBy('o.name').execute();
}

export function findOrganisation(
  db: DbOrTrx,
  by: { id: string } | { code: string },
): Promise<OrganisationWithCertificate | undefined> {
  const query = withCurrentCertificate(db);
  return (
    'id' in by ? query.where('o.id', '=', by.id) : query.where('o.code', '=', by.code)
  ).executeTakeFirst();
}

export function listCertificates(db: DbOrTrx, orgId: string): Promise<OrgCertificate[]> {
  return db
    .selectFrom('org_certificates')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('version')
    .execute();
}

/** A member's sealed copy of one version of the organisation's keys. */
export function findKeyGrant(
  db: DbOrTrx,
  grant: { orgId: string; version: number; staffId: string },
): Promise<OrgKeyGrant | undefined> {
  return db
    .selectFrom('org_key_grants')
    .selectAll()
    .where('org_id', '=', grant.orgId)
    .where('version', '=', grant.version)
    .where('staff_id', '=', grant.staffId)
    .executeTakeFirst();
}

/** The highest certificate version of an organisation (0 when it has none). */
export async function currentCertificateVersion(db: DbOrTrx, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('org_certificates')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

export type OrganisationWithVersion = Organisation & { cert_version: number };

/**
 * Every organisation with its current certificate version (0 for one that has none yet, a new
 * school whose first member has not made its key): the administrator's list, not the public
 * directory, which only lists certified organisations.
 */
export async function listOrganisationsWithVersion(
  db: DbOrTrx,
  id?: string,
): Promise<OrganisationWithVersion[]> {
  let q = db
    .selectFrom('organisations as o')
    .selectAll('o')
    .select((eb) =>
      eb
        .selectFrom('org_certificates as c')
        .whereRef('c.org_id', '=', 'o.id')
        .select((e) => e.fn.max('c.version').as('v'))
        .as('cert_version'),
    )
    .orderBy('o.kind', 'desc')
    .orderBy('o.name');
  if (id !== undefined) q = q.where('o.id', '=', id);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, cert_version: Number(r.cert_version ?? 0) }));
}

/** The organisation row alone (no certificate join), by id or code. */
export function findOrganisationRow(
  db: DbOrTrx,
  by: { id: string } | { code: string },
): Promise<Organisation | undefined> {
  const query = db.selectFrom('organisations').selectAll();
  return (
    'id' in by ? query.where('id', '=', by.id) : query.where('code', '=', by.code)
  ).executeTakeFirst();
}

/** The settings the administrator edits (not name or code: they are in the certificate). */
export async function updateOrgSettings(
  db: DbOrTrx,
  orgId: string,
  settings: Pick<
    OrganisationUpdate,
    'address' | 'phone' | 'hours' | 'wait_target_hours' | 'alert_email' | 'alert_urgent_only'
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('organisations')
    .set(settings)
    .where('id', '=', orgId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The members of the given organisations, without keys, hashes or secrets. */
export function listMembersOfOrgs(db: DbOrTrx, orgIds: readonly string[]) {
  if (orgIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('staff')
    .select(['id', 'org_id', 'display_name', 'login', 'role', 'status'])
    .where('org_id', 'in', orgIds)
    .orderBy('login')
    .execute();
}

/** Whether any member holds a grant of this key version of the organisation. */
export async function hasKeyGrantsOfVersion(
  db: DbOrTrx,
  orgId: string,
  version: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('org_key_grants')
    .select('staff_id')
    .where('org_id', '=', orgId)
    .where('version', '=', version)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A withdrawn key version: every member's grant of it goes. */
export async function deleteKeyGrantsOfVersion(
  db: DbOrTrx,
  orgId: string,
  version: number,
): Promise<void> {
  await db
    .deleteFrom('org_key_grants')
    .where('org_id', '=', orgId)
    .where('version', '=', version)
    .execute();
}
