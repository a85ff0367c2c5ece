// POST /api/pupil/attachments (multipart: the form fields and the encrypted stream as "data")
// and GET /api/pupil/attachments/:id (the stream back, as stored). The upload is read as a stream
// with its own limits [Note: upload budgets], not the JSON limit app.ts applies to the rest of /api.
import { Hono } from 'hono';
import { AttachmentParamsSchema } from '../../../shared/protocol/pupil.ts';
import { findPupilAttachmentSize } from '../../db/repositories/attachments.ts';
import { clearReads } from '../../db/repositories/inbox.ts';
import { findReport, updateReport } from '../../db/repositories/reports.ts';
import { notFound } from '../../errors.ts';
import { pupilSession, type PupilEnv } from '../../middleware/pupil-session.ts';
import { validate } from '../../middleware/validate.ts';
import { attachmentStream, receiveAttachment } from '../../services/attachment-upload.ts';
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
      async (c) => {
        const { db, writer, dialect, clock, uploads } = c.var.deps;
        const { reportId } = c.var.session;
        const report = await findReport(db, reportId);
        if (!report) throw notFound('Report');
        const hour = coarseHourIso(clock());
        const id = await receiveAttachment({ db, writer, dialect, uploads }, c.req.raw, {
          reportId,
          orgId: report.org_id,
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
        const { db } = c.var.deps;
        const aid = id.toLowerCase();
        const size = await findPupilAttachmentSize(db, c.var.session.reportId, aid);
        if (size === undefined) throw notFound('Attachment');
        return c.body(attachmentStream(db, aid, size), 200, {
          'Content-Length': String(size),
          'Content-Type': 'application/octet-stream',
          'Cache-Control': 'no-store',
          'Content-Disposition': 'attachment',
        });
      },
    );
}
