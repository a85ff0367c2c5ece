// The public help directory (the CdR, its partners, helplines), in the administrator's order.
import type { DbOrTrx } from '../database.ts';
import type { HelpDirectoryTable, HelpEntry } from '../tables/escalations.ts';

export type HelpFields = Omit<HelpDirectoryTable, 'id' | 'position' | 'updated_at'>;

export function listHelpEntries(db: DbOrTrx): Promise<HelpEntry[]> {
  return db.selectFrom('help_directory').selectAll().orderBy('position').orderBy('id').execute();
}

/** Appends at the end of the directory. */
export async function insertHelpEntry(
  db: DbOrTrx,
  entry: HelpFields & { id: string; updated_at: string },
): Promise<void> {
  const last = await db
    .selectFrom('help_directory')
    .select((eb) => eb.fn.max('position').as('p'))
    .executeTakeFirst();
  const position = last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
  await db
    .insertInto('help_directory')
    .values({ ...entry, position })
    .execute();
}

/** Returns false when there is no such entry. */
export async function updateHelpEntry(
  db: DbOrTrx,
  id: string,
  entry: HelpFields & { updated_at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('help_directory')
    .set(entry)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function deleteHelpEntry(db: DbOrTrx, id: string): Promise<boolean> {
  const res = await db.deleteFrom('help_directory').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export function findHelpEntry(db: DbOrTrx, id: string): Promise<HelpEntry | undefined> {
  return db.selectFrom('help_directory').selectAll().where('id', '=', id).executeTakeFirst();
}
