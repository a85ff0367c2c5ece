// The members of an organisation as the case view needs them: who a report can be assigned to.
import type { DbOrTrx } from '../database.ts';
import type { Staff } from '../tables/staff.ts';

export function findMemberOfOrg(
  db: DbOrTrx,
  orgId: string,
  staffId: string,
): Promise<Pick<Staff, 'id' | 'status' | 'role'> | undefined> {
  return db
    .selectFrom('staff')
    .select(['id', 'status', 'role'])
    .where('id', '=', staffId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}

export function listActiveColleagues(
  db: DbOrTrx,
  orgId: string,
): Promise<Pick<Staff, 'id' | 'display_name' | 'role'>[]> {
  return db
    .selectFrom('staff')
    .select(['id', 'display_name', 'role'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}
