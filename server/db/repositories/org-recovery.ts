// The organisation recovery key's rows [Note: school recovery key]: public key, authKey hash,
// endorsement, and the organisation key versions sealed to it.
import type { DbOrTrx } from '../database.ts';
import type { NewOrgRecovery, OrgRecovery, OrgRecoveryGrant } from '../tables/organisations.ts';

export function findOrgRecovery(db: DbOrTrx, orgId: string): Promise<OrgRecovery | undefined> {
  return db.selectFrom('org_recovery').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

/** The organisations that have a recovery key, with when it was made and last used. */
export function listOrgRecoveries(db: DbOrTrx) {
  return db.selectFrom('org_recovery').select(['org_id', 'created_at', 'last_used_at']).execute();
}

/** A new recovery key replaces the old one and every version sealed to it. */
export async function replaceOrgRecovery(
  db: DbOrTrx,
  recovery: NewOrgRecovery,
  grants: { version: number; sealed: Uint8Array }[],
): Promise<void> {
  await db.deleteFrom('org_recovery_grants').where('org_id', '=', recovery.org_id).execute();
  await db.deleteFrom('org_recovery').where('org_id', '=', recovery.org_id).execute();
  await db.insertInto('org_recovery').values(recovery).execute();
  for (const g of grants) {
    await insertRecoveryGrant(db, recovery.org_id, g.version, g.sealed, recovery.created_at);
  }
}

export async function insertRecoveryGrant(
  db: DbOrTrx,
  orgId: string,
  version: number,
  sealed: Uint8Array,
  at: string,
): Promise<void> {
  await db
    .insertInto('org_recovery_grants')
    .values({ org_id: orgId, version, sealed_keys: sealed, created_at: at })
    .execute();
}

export function listRecoveryGrants(db: DbOrTrx, orgId: string): Promise<OrgRecoveryGrant[]> {
  return db
    .selectFrom('org_recovery_grants')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('version')
    .execute();
}

export async function deleteRecoveryGrantsOfVersion(
  db: DbOrTrx,
  orgId: string,
  version: number,
): Promise<void> {
  await db
    .deleteFrom('org_recovery_grants')
    .where('org_id', '=', orgId)
    .where('version', '=', version)
    .execute();
}

export async function markRecoveryUsed(db: DbOrTrx, orgId: string, at: string): Promise<void> {
  await db
    .updateTable('org_recovery')
    .set({ last_used_at: at })
    .where('org_id', '=', orgId)
    .execute();
}

/** Wrong recovery keys tried for this organisation since `since` (from its audit chain). */
export async function countRecoveryFailures(
  db: DbOrTrx,
  orgId: string,
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('org_id', '=', orgId)
    .where('action', '=', 'org.recovery_refused')
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
