import { sql } from 'kysely';
import type { DbOrTrx } from '../database.ts';

/** True when the database answers a trivial query. */
export async function pingDatabase(db: DbOrTrx): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
