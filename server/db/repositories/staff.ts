import type { DbOrTrx } from '../database.ts';
import type { NewStaff, Staff } from '../tables/staff.ts';

export async function insertStaff(db: DbOrTrx, staff: NewStaff): Promise<void> {
  await db.insertInto('staff').values(staff).execute();
}

export function findStaffByLogin(db: DbOrTrx, login: string): Promise<Staff | undefined> {
  return db
    .selectFrom('staff')
    .selectAll()
    .where('login', '=', login.toLowerCase())
    .executeTakeFirst();
}

export function listStaffOfOrg(db: DbOrTrx, orgId: string): Promise<Staff[]> {
  return db.selectFrom('staff').selectAll().where('org_id', '=', orgId).orderBy('login').execute();
}
