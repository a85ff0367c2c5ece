// POST /api/pupil/attachments (multipart: the form fields and the encrypted stream as "data")
// and GET /api/pupil/attachments/:id (the stream back, as stored). The upload has its own body
// limit, above the JSON limit app.ts applies to the rest of /api (see isUploadRequest there).
import { Hono } from 'hono';
import { AttachmentParamsSchema } from '../../../shared/protocol/pupil.ts';
import { findPupilAttachmentData } from '../../db/repositories/attachments.ts';
import { clearReads } from '../../db/repositories/inbox.ts';
import { updateReport } from '../../db/repositories/reports.ts';
import { notFound } from '../../errors.ts';
import { limitBody } from '../../middleware/body-limit.ts';
import { pupilSession, type PupilEnv } from '../../middleware/pupil-session.ts';
import { validate } from '../../middleware/validate.ts';
import {
  storeAttachment,
  UPLOAD_BODY_LIMIT,
  UploadFormSchema,
} from '../../services/attachment-upload.ts';
import { coarseHourIso } from '../../services/pupil-time.ts';
import { limitPerReport } from './rate.ts';

/** Where the upload is mounted under /api/pupil (app.ts exempts it from the JSON limit). */
export const UPLOAD_PATH = '/attachments';

export function attachmentRoutes() {
  return new Hono<PupilEnv>()
    .post(
      '/',
      pupilSession,
      limitPerReport('attachment', (l) => l.attachmentsPerReceipt),
      limitBody(UPLOAD_BODY_LIMIT),
      validate('form', UploadFormSchema),
      async (c) => {
        const { db, clock } = c.var.deps;
        const { reportId } = c.var.session;
        const hour = coarseHourIso(clock());
        const id = await storeAttachment(db, {
          reportId,
          form: c.req.valid('form'),
          uploaderRole: 'pupil',
          at: hour,
          touch: (trx) => updateReport(trx, reportId, { updated_at: hour }),
          // Something new from the pupil: unread again for every member [Note: unread reports].
          after: (trx) => clearReads(trx, reportId),
        });
        return c.json({ id }, 201);
      },
    )
    .get(
      '/:id',
      pupilSession,
      limitPerReport('read', (l) => l.threadReadsPerReceipt),
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
