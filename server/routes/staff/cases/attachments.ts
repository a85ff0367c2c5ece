// POST /api/staff/reports/:id/attachments (multipart, as the pupil's upload, with the same limits
// [Note: upload budgets])
// and GET /api/staff/reports/:id/attachments/:aid (the encrypted stream as stored).
import { Hono } from 'hono';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { findReportAttachmentSize } from '../../../db/repositories/attachments.ts';
import { updateReport } from '../../../db/repositories/reports.ts';
import { notFound } from '../../../errors.ts';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { attachmentStream, receiveAttachment } from '../../../services/attachment-upload.ts';
import { ownReport } from '../../../services/staff-case.ts';
import { AttachmentParamsSchema, counsellorOnly, ReportParamsSchema } from './params.ts';

/** The staff upload's path, which app.ts exempts from the JSON body limit. */
export const STAFF_UPLOAD_PATH = /^\/api\/staff\/reports\/[^/]+\/attachments$/;

export const attachmentRoutes = new Hono<StaffEnv>()
  .post('/:id/attachments', counsellorOnly, validate('param', ReportParamsSchema), async (c) => {
    const { db, writer, dialect, clock, uploads } = c.var.deps;
    const staff = c.var.staff;
    const report = await ownReport(db, staff, c.req.valid('param').id);
    const now = clock();
    const id = await receiveAttachment({ db, writer, dialect, uploads }, c.req.raw, {
      reportId: report.id,
      orgId: report.org_id,
      uploaderRole: 'counsellor',
      at: now.toISOString(),
      touch: (trx) => updateReport(trx, report.id, { updated_at: now.toISOString() }),
      after: (trx) =>
        appendAudit(
          trx,
          {
            orgId: report.org_id,
            actorId: staff.id,
            action: 'attachment.added',
            subjectType: 'report',
            subjectId: report.id,
            at: now,
          },
          dialect,
        ),
    });
    return c.json({ id }, 201);
  })
  .get(
    '/:id/attachments/:aid',
    counsellorOnly,
    validate('param', AttachmentParamsSchema),
    async (c) => {
      const { db } = c.var.deps;
      const params = c.req.valid('param');
      const report = await ownReport(db, c.var.staff, params.id);
      const aid = params.aid.toLowerCase();
      const size = await findReportAttachmentSize(db, report.id, aid);
      if (size === undefined) throw notFound('Attachment');
      return c.body(attachmentStream(db, aid, size), 200, {
        'Content-Length': String(size),
        'Content-Type': 'application/octet-stream',
        'Cache-Control': 'no-store',
        'Content-Disposition': 'attachment',
      });
    },
  );
