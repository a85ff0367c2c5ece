import type { DbOrTrx } from '../database.ts';
import { authorKeysSnapshot, withAuthorSnapshot } from './author-keys.ts';
import type { Message, MessageThread, NewMessage } from '../tables/reports.ts';

export type MessageWithAuthor = Message & {
  author_sign_public_key: string | null;
  author_box_public_key: string | null;
  author_endorsement: string | null;
};

/** A thread in seq order, each staff message with its author's public keys and endorsement. */
export function listThreadMessages(
  db: DbOrTrx,
  reportId: string,
  thread: MessageThread,
): Promise<MessageWithAuthor[]> {
  return db
    .selectFrom('messages as m')
    .leftJoin('staff as s', 's.id', 'm.author_id')
    .selectAll('m')
    .select([
      's.sign_public_key as author_sign_public_key',
      's.box_public_key as author_box_public_key',
      's.org_endorsement as author_endorsement',
    ])
    .where('m.report_id', '=', reportId)
    .where('m.thread', '=', thread)
    .orderBy('m.seq')
    .execute()
    .then((rows) => rows.map(withAuthorSnapshot));
}

/** The last seq of a thread, 0 when it is empty. */
export async function lastSeq(
  db: DbOrTrx,
  reportId: string,
  thread: MessageThread,
): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('report_id', '=', reportId)
    .where('thread', '=', thread)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export function findMessage(
  db: DbOrTrx,
  id: string,
): Promise<Pick<Message, 'id' | 'report_id' | 'thread' | 'seq'> | undefined> {
  return db
    .selectFrom('messages')
    .select(['id', 'report_id', 'thread', 'seq'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertMessage(db: DbOrTrx, message: NewMessage): Promise<void> {
  const author_keys = message.author_id ? await authorKeysSnapshot(db, message.author_id) : null;
  await db
    .insertInto('messages')
    .values({ ...message, author_keys })
    .execute();
}
