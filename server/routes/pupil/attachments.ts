// POST /api/pupil/attachments (multipart: the form fields and the encrypted stream as "data")
// and GET /api/pupil/attachments/:id (the stream back, as stored). The upload has its own body
// limit, the only one above the JSON limit app.ts applies to the rest of /api.
import { Hono } from 'hono';
import * as v from 'valibot';
import {
  AttachmentFormSchema,
  AttachmentParamsSchema,
  PUPIL_LIMITS,
} from '../../../shared/protocol/pupil.ts';
import { isUniqueViolation } from '../../db/constraint.ts';
import {
  attachmentExists,
  countAttachments,
  findPupilAttachmentData,
  insertAttachment,
} from '../../db/repositories/attachments.ts';
import { findMessage } from '../../db/repositories/messages.ts';
import { updateReport } from '../../db/repositories/reports.ts';
import { ApiError, notFound } from '../../errors.ts';
import { limitBody } from '../../middleware/body-limit.ts';
import { pupilSession, type PupilEnv } from '../../middleware/pupil-session.ts';
import type { RateLimiter } from '../../middleware/rate-limit.ts';
import { validate } from '../../middleware/validate.ts';
import { coarseHourIso } from '../../services/pupil-time.ts';
import { decodeField } from '../../services/wire-bytes.ts';
import { limitPerReport } from './rate.ts';

/** Where the upload is mounted under /api/pupil (app.ts exempts it from the JSON limit). */
export const UPLOAD_PATH = '/attachments';
/** The stream plus room for the form fields and multipart boundaries. */
export const UPLOAD_BODY_LIMIT = PUPIL_LIMITS.attachmentBytes + 64 * 1024;
/** Version byte, secretstream header and one chunk's tag: nothing shorter is a stream. */
const MIN_STREAM_BYTES = 1 + 24 + 17;

const UploadFormSchema = v.object({
  ...AttachmentFormSchema.entries,
  data: v.pipe(
    v.file('must be a file'),
    v.maxSize(
      PUPIL_LIMITS.attachmentBytes,
      `must be at most ${PUPIL_LIMITS.attachmentBytes} bytes`,
    ),
  ),
});

export function attachmentRoutes(limiter: RateLimiter) {
  return new Hono<PupilEnv>()
    .post(
      '/',
      pupilSession,
      limitPerReport(limiter, 'attachment', (l) => l.attachmentsPerReceipt),
      limitBody(UPLOAD_BODY_LIMIT),
      validate('form', UploadFormSchema),
      async (c) => {
        const input = c.req.valid('form');
        const { db, clock } = c.var.deps;
        const { reportId } = c.var.session;
        const id = input.id.toLowerCase();
        const messageId = input.messageId?.toLowerCase() ?? null;
        const fileKeyWrapped = decodeField(input.fileKeyWrapped, 'fileKeyWrapped');
        const meta = decodeField(input.meta, 'meta');
        const data = new Uint8Array(await input.data.arrayBuffer());
        if (data.length < MIN_STREAM_BYTES) {
          throw new ApiError(400, 'validation_failed', 'Invalid data', [
            { path: 'data', message: 'is not an encrypted attachment stream' },
          ]);
        }
        const hour = coarseHourIso(clock());
        try {
          await db.transaction().execute(async (trx) => {
            // Touching the report first locks its row (PostgreSQL), so two uploads at once cannot
            // both pass the count below.
            await updateReport(trx, reportId, { updated_at: hour });
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
              uploader_role: 'pupil',
              file_key_wrapped: fileKeyWrapped,
              meta,
              data,
              size: data.length,
              created_at: hour,
            });
          });
        } catch (err) {
          if (isUniqueViolation(err)) throw new ApiError(409, 'conflict', 'Attachment id used');
          throw err;
        }
        return c.json({ id }, 201);
      },
    )
    .get(
      '/:id',
      pupilSession,
      limitPerReport(limiter, 'read', (l) => l.threadReadsPerReceipt),
      validate('param', AttachmentParamsSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const data = await findPupilAttachmentData(
          c.var.deps.db,
          c.var.session.reportId,
          id.toLowerCase(),
        );
        if (!data) throw notFound('Attachment');
        return c.body(new Uint8Array(data), 200, {
          'Content-Type': 'application/octet-stream',
          'Cache-Control': 'no-store',
          'Content-Disposition': 'attachment',
        });
      },
    );
}
