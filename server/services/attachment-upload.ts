// Storing an uploaded attachment, for the pupil's and the staff's upload alike: the same form,
// the same size and count limits, the same checks; only who uploads and when differ.
import * as v from 'valibot';
import { AttachmentFormSchema, PUPIL_LIMITS } from '../../shared/protocol/pupil.ts';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/constraint.ts';
import {
  attachmentExists,
  countAttachments,
  insertAttachment,
} from '../db/repositories/attachments.ts';
import { findMessage } from '../db/repositories/messages.ts';
import type { AuthorRole } from '../db/tables/reports.ts';
import type { Trx } from '../db/database.ts';
import { ApiError, notFound } from '../errors.ts';
import { decodeField } from './wire-bytes.ts';

/** The stream plus room for the form fields and multipart boundaries. */
export const UPLOAD_BODY_LIMIT = PUPIL_LIMITS.attachmentBytes + 64 * 1024;
/** Version byte, secretstream header and one chunk's tag: nothing shorter is a stream. */
const MIN_STREAM_BYTES = 1 + 24 + 17;

export const UploadFormSchema = v.object({
  ...AttachmentFormSchema.entries,
  data: v.pipe(
    v.file('must be a file'),
    v.maxSize(
      PUPIL_LIMITS.attachmentBytes,
      `must be at most ${PUPIL_LIMITS.attachmentBytes} bytes`,
    ),
  ),
});
export type UploadForm = v.InferOutput<typeof UploadFormSchema>;

/**
 * Stores the attachment in one transaction; `touch` runs first inside it and must update the
 * report's row (which locks it on PostgreSQL, so two uploads at once cannot both pass the count),
 * `after` runs last (audit, unread marks). Returns the attachment id.
 */
export async function storeAttachment(
  db: Db,
  args: {
    reportId: string;
    form: UploadForm;
    uploaderRole: AuthorRole;
    at: string;
    touch: (trx: Trx) => Promise<void>;
    after?: (trx: Trx) => Promise<void>;
  },
): Promise<string> {
  const { form, reportId } = args;
  const id = form.id.toLowerCase();
  const messageId = form.messageId?.toLowerCase() ?? null;
  const fileKeyWrapped = decodeField(form.fileKeyWrapped, 'fileKeyWrapped');
  const meta = decodeField(form.meta, 'meta');
  const data = new Uint8Array(await form.data.arrayBuffer());
  if (data.length < MIN_STREAM_BYTES) {
    throw new ApiError(400, 'validation_failed', 'Invalid data', [
      { path: 'data', message: 'is not an encrypted attachment stream' },
    ]);
  }
  try {
    await db.transaction().execute(async (trx) => {
      await args.touch(trx);
      if ((await countAttachments(trx, reportId)) >= PUPIL_LIMITS.attachmentsPerReport) {
        throw new ApiError(409, 'conflict', 'Too many attachments on this report');
      }
      if (await attachmentExists(trx, id)) {
        throw new ApiError(409, 'conflict', 'Attachment id used');
      }
      if (messageId !== null) {
        const message = await findMessage(trx, messageId);
        if (message?.report_id !== reportId || message.thread !== 'pupil') {
          throw notFound('Message');
        }
      }
      await insertAttachment(trx, {
        id,
        report_id: reportId,
        message_id: messageId,
        uploader_role: args.uploaderRole,
        file_key_wrapped: fileKeyWrapped,
        meta,
        data,
        size: data.length,
        created_at: args.at,
      });
      await args.after?.(trx);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, 'conflict', 'Attachment id used');
    throw err;
  }
  return id;
}
