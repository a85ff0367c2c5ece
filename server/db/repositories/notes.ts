// Staff notes under K_staff, each with its author's signature.
import type { DbOrTrx } from '../database.ts';
import { authorKeysSnapshot, withAuthorSnapshot } from './author-keys.ts';

export interface NoteWithAuthor {
  id: string;
  author_id: string;
  blob: Uint8Array;
  signature: Uint8Array;
  created_at: string;
  author_sign_public_key: string;
  author_box_public_key: string;
  author_endorsement: string | null;
}

export async function insertNote(
  db: DbOrTrx,
  note: {
    id: string;
    reportId: string;
    authorId: string;
    blob: Uint8Array;
    signature: Uint8Array;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('notes')
    .values({
      id: note.id,
      report_id: note.reportId,
      author_id: note.authorId,
      blob: note.blob,
      signature: note.signature,
      author_keys: await authorKeysSnapshot(db, note.authorId),
      created_at: note.at,
    })
    .execute();
}

export async function noteExists(db: DbOrTrx, id: string): Promise<boolean> {
  const row = await db.selectFrom('notes').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function listNotes(db: DbOrTrx, reportId: string): Promise<NoteWithAuthor[]> {
  const rows = await db
    .selectFrom('notes as n')
    .innerJoin('staff as s', 's.id', 'n.author_id')
    .select([
      'n.id',
      'n.author_id',
      'n.blob',
      'n.signature',
      'n.author_keys',
      'n.created_at',
      's.sign_public_key as author_sign_public_key',
      's.box_public_key as author_box_public_key',
      's.org_endorsement as author_endorsement',
    ])
    .where('n.report_id', '=', reportId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
  return rows.map((r) => withAuthorSnapshot({ ...r, signature: r.signature ?? new Uint8Array() }));
}
