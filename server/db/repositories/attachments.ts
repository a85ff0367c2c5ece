// Attachments as the pupil may see them: those of the report that hang on no message or on a
// message of the pupil thread; an attachment of the CdR-school thread stays with the staff.
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

export async function findPupilAttachmentData(
  db: DbOrTrx,
  reportId: string,
  id: string,
): Promise<Uint8Array | undefined> {
  const row = await pupilVisible(db, reportId)
    .select('a.data')
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row?.data;
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

export async function findReportAttachmentData(
  db: DbOrTrx,
  reportId: string,
  id: string,
): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('attachments')
    .select('data')
    .where('report_id', '=', reportId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.data;
}
