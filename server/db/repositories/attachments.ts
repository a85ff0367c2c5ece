// Attachments as the pupil may see them: those of the report that hang on no message or on a
// message of the pupil thread; an attachment of the CdR-school thread stays with the staff.
import { sql } from 'kysely';
import type { DbOrTrx } from '../database.ts';
import type { Attachment, NewAttachment } from '../tables/reports.ts';

export type AttachmentInfo = Omit<Attachment, 'data'>;

/** The columns of AttachmentInfo, for a query over `attachments as a`. */
export const INFO_COLUMNS = [
  'a.id',
  'a.report_id',
  'a.message_id',
  'a.uploader_role',
  'a.file_key_wrapped',
  'a.meta',
  'a.size',
  'a.created_at',
] as const;

function pupilVisible(db: DbOrTrx, reportId: string) {
  return db
    .selectFrom('attachments as a')
    .leftJoin('messages as m', 'm.id', 'a.message_id')
    .where('a.report_id', '=', reportId)
    .where((eb) => eb.or([eb('a.message_id', 'is', null), eb('m.thread', '=', 'pupil')]));
}

export function listPupilAttachments(db: DbOrTrx, reportId: string): Promise<AttachmentInfo[]> {
  return pupilVisible(db, reportId)
    .select(INFO_COLUMNS)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

/** The size of an attachment the pupil may see, or undefined; its bytes come from
 * readAttachmentChunk [Note: attachment chunks]. */
export async function findPupilAttachmentSize(
  db: DbOrTrx,
  reportId: string,
  id: string,
): Promise<number | undefined> {
  const row = await pupilVisible(db, reportId)
    .select('a.size')
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row?.size;
}

export async function countAttachments(db: DbOrTrx, reportId: string): Promise<number> {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('report_id', '=', reportId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function attachmentExists(db: DbOrTrx, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('attachments')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertAttachment(db: DbOrTrx, attachment: NewAttachment): Promise<void> {
  await db.insertInto('attachments').values(attachment).execute();
}

/** Every attachment of a report, as the school's staff see it (both threads). */
export function listReportAttachments(db: DbOrTrx, reportId: string): Promise<AttachmentInfo[]> {
  return db
    .selectFrom('attachments as a')
    .select(INFO_COLUMNS)
    .where('a.report_id', '=', reportId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

/** The size of one of the report's attachments, or undefined. */
export async function findReportAttachmentSize(
  db: DbOrTrx,
  reportId: string,
  id: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('attachments')
    .select('size')
    .where('report_id', '=', reportId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.size;
}

/** One chunk of an attachment's stream, in order from 0 [Note: attachment chunks]. */
export async function readAttachmentChunk(
  db: DbOrTrx,
  id: string,
  seq: number,
): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('attachment_chunks')
    .select('data')
    .where('attachment_id', '=', id)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row?.data;
}

export async function insertAttachmentChunk(
  db: DbOrTrx,
  id: string,
  seq: number,
  data: Uint8Array,
): Promise<void> {
  await db.insertInto('attachment_chunks').values({ attachment_id: id, seq, data }).execute();
}

/** Bytes stored for one report's attachments. */
export async function reportStorageUsed(db: DbOrTrx, reportId: string): Promise<number> {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('size'), eb.lit(0)).as('n'))
    .where('report_id', '=', reportId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Bytes stored for the attachments of all a school's reports. */
export async function schoolStorageUsed(db: DbOrTrx, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('attachments as a')
    .innerJoin('reports as r', 'r.id', 'a.report_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('a.size'), eb.lit(0)).as('n'))
    .where('r.org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** PostgreSQL: the budget checks of one school's uploads take turns (released at commit). */
export async function lockSchoolStorage(db: DbOrTrx, orgId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`uploads:${orgId}`}))`.execute(db);
}
