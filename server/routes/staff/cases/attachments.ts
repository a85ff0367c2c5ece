// POST /api/staff/reports/:id/attachments (multipart, as the pupil's upload, with the same limits)
// and GET /api/staff/reports/:id/attachments/:aid (the encrypted stream as stored).
import { Hono } from 'hono';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { findReportAttachmentData } from '../../../db/repositories/attachments.ts';
import { updateReport } from '../../../db/repositories/reports.ts';
import { notFound } from '../../../errors.ts';
import { limitBody } from '../../../middleware/body-limit.ts';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import {
  storeAttachment,
  UPLOAD_BODY_LIMIT,
  UploadFormSchema,
} from '../../../services/attachment-upload.ts';
import { ownReport } from '../../../services/staff-case.ts';
import { AttachmentParamsSchema, counsellorOnly, ReportParamsSchema } from './params.ts';

/** The staff upload's path, which app.ts exempts from the JSON body limit. */
export const STAFF_UPLOAD_PATH = /^\/api\/staff\/reports\/[^/]+\/attachments$/;

export const attachmentRoutes = new Hono<StaffEnv>()
  .post(
    '/:id/attachments',
    counsellorOnly,
    validate('param', ReportParamsSchema),
    limitBody(UPLOAD_BODY_LIMIT),
    validate('form', UploadFormSchema),
    async (c) => {
      const { db, dialect, clock } = c.var.deps;
      const staff = c.var.staff;
      const report = await ownReport(db, staff, c.req.valid('param').id);
      const now = clock();
      const id = await storeAttachment(db, {
        reportId: report.id,
        form: c.req.valid('form'),
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
    },
  )
  .get(
    '/:id/attachments/:aid',
    counsellorOnly,
    validate('param', AttachmentParamsSchema),
    async (c) => {
      const { db } = c.var.deps;
      const params = c.req.valid('param');
      const report = await ownReport(db, c.var.staff, params.id);
      const data = await findReportAttachmentData(db, report.id, params.aid.toLowerCase());
      if (!data) throw notFound('Attachment');
      return c.body(new Uint8Array(data), 200, {
        'Content-Type': 'application/octet-stream',
        'Cache-Control': 'no-store',
        'Content-Disposition': 'attachment',
      });
    },
  );
