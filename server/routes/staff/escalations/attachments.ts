// GET /api/staff/escalations/:id/attachments/:aid: a CdR specialist downloads an encrypted file the
// counsellor handed over (its key is inside the package), or, once the conversation was handed
// over, one sent with a later message of it [Note: hand-over point]. Any other attachment of the
// report answers 404, as if it did not exist. Counsellors use /api/staff/reports/:id/attachments.
import { Hono } from 'hono';
import * as v from 'valibot';
import { findReportAttachmentSize } from '../../../db/repositories/attachments.ts';
import { listAttachmentsAfterHandover } from '../../../db/repositories/escalations.ts';
import { notFound } from '../../../errors.ts';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { attachmentStream } from '../../../services/attachment-upload.ts';
import { partyEscalation } from '../../../services/escalation-access.ts';
import { cdrOnly, EscalationAttachmentParamsSchema } from './params.ts';

const IdsSchema = v.array(v.string());

function handedOverIds(json: string): string[] {
  // Written by the create endpoint as a JSON array of lower-case ids; anything else hands nothing.
  try {
    const parsed = v.safeParse(IdsSchema, JSON.parse(json));
    return parsed.success ? parsed.output : [];
  } catch {
    return [];
  }
}

export const attachmentRoutes = new Hono<StaffEnv>().get(
  '/:id/attachments/:aid',
  cdrOnly,
  validate('param', EscalationAttachmentParamsSchema),
  async (c) => {
    const { db } = c.var.deps;
    const params = c.req.valid('param');
    const e = await partyEscalation(db, c.var.staff, params.id);
    const aid = params.aid.toLowerCase();
    const later =
      e.thread_key_sealed_cdr === null
        ? []
        : await listAttachmentsAfterHandover(db, e.report_id, e.handover_seq);
    if (!handedOverIds(e.attachment_ids).includes(aid) && !later.some((a) => a.id === aid))
      throw notFound('Attachment');
    const size = await findReportAttachmentSize(db, e.report_id, aid);
    if (size === undefined) throw notFound('Attachment');
    return c.body(attachmentStream(db, aid, size), 200, {
      'Content-Length': String(size),
      'Content-Type': 'application/octet-stream',
      'Cache-Control': 'no-store',
      'Content-Disposition': 'attachment',
    });
  },
);
