import type { DbOrTrx } from '../database.ts';

export async function getSetting(db: DbOrTrx, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

export async function setSetting(db: DbOrTrx, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** Keeps an existing value: of two processes starting at once, the first writer wins. */
export async function setSettingIfAbsent(db: DbOrTrx, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function deleteSetting(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', key).execute();
}

/** Every setting whose key starts with `prefix` (no LIKE wildcards in the prefix), by key. */
export function listSettingsWithPrefix(
  db: DbOrTrx,
  prefix: string,
): Promise<{ key: string; value: string }[]> {
  return db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'like', `${prefix}%`)
    .orderBy('key')
    .execute();
}
