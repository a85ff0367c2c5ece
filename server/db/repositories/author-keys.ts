// [Note: author key snapshot] see the 2026-11-23T2100 migration. Written with each staff row,
// read back in place of the author's current keys.
import type { DbOrTrx } from '../database.ts';

export interface AuthorKeys {
  sign_public_key: string;
  box_public_key: string;
  org_endorsement: string | null;
}

/** The member's keys now, as the JSON to store with what they write. */
export async function authorKeysSnapshot(db: DbOrTrx, staffId: string): Promise<string> {
  const row = await db
    .selectFrom('staff')
    .select(['sign_public_key', 'box_public_key', 'org_endorsement'])
    .where('id', '=', staffId)
    .executeTakeFirstOrThrow();
  const keys: AuthorKeys = row;
  return JSON.stringify(keys);
}

type WithAuthor = {
  author_keys?: string | null;
  author_sign_public_key: string | null;
  author_box_public_key: string | null;
  author_endorsement: string | null;
};

/** A row's author keys from its snapshot when it has one, else from the member's current keys. */
export function withAuthorSnapshot<T extends WithAuthor>(row: T): T {
  if (!row.author_keys) return row;
  const keys = JSON.parse(row.author_keys) as AuthorKeys;
  return {
    ...row,
    author_sign_public_key: keys.sign_public_key,
    author_box_public_key: keys.box_public_key,
    author_endorsement: keys.org_endorsement,
  };
}
