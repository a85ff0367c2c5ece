// POST /api/staff/reports/:id/escalations: a counsellor of the report's school hands a selection of
// the case to a CdR [Note: escalation keys]. The server checks what it can without keys: the CdR is
// a CdR, K_esc was sealed to the current key of both organisations (else the browser refetches the
// certificates and seals again), the attachments are the report's, and one escalation is open at a
// time. The event goes into both organisations' audit chains.
import { Hono } from 'hono';
import { CreateEscalationSchema } from '../../../../shared/protocol/escalations.ts';
import { isUniqueViolation } from '../../../db/constraint.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import {
  escalationExists,
  findOpenEscalation,
  insertEscalation,
  lockReportEscalations,
  reportAttachmentIds,
} from '../../../db/repositories/escalations.ts';
import { lastSeq } from '../../../db/repositories/messages.ts';
import { findOrganisation } from '../../../db/repositories/organisations.ts';
import { ApiError, notFound } from '../../../errors.ts';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { ownReport } from '../../../services/staff-case.ts';
import { checkStaffSignatures } from '../../../services/staff-signatures.ts';
import { decodeField } from '../../../services/wire-bytes.ts';
import { counsellorOnly, ReportParamsSchema } from '../cases/params.ts';

const staleKey = (whose: string) =>
  new ApiError(409, 'conflict', `The ${whose} key has changed: fetch its certificate again`);

export const escalationCreateRoutes = new Hono<StaffEnv>().post(
  '/:id/escalations',
  counsellorOnly,
  validate('param', ReportParamsSchema),
  validate('json', CreateEscalationSchema),
  async (c) => {
    const { db, dialect, clock } = c.var.deps;
    const staff = c.var.staff;
    const input = c.req.valid('json');
    const id = input.id.toLowerCase();
    const cdrOrgId = input.cdrOrgId.toLowerCase();
    const attachmentIds = input.attachmentIds.map((a) => a.toLowerCase());
    if (new Set(attachmentIds).size !== attachmentIds.length) {
      throw new ApiError(400, 'validation_failed', 'Invalid json', [
        { path: 'attachmentIds', message: 'must not repeat an id' },
      ]);
    }
    const bytes = {
      escKeySealedCdr: decodeField(input.escKeySealedCdr, 'escKeySealedCdr'),
      escKeySealedSchool: decodeField(input.escKeySealedSchool, 'escKeySealedSchool'),
      package: decodeField(input.package, 'package'),
      packageSignature: decodeField(input.packageSignature, 'packageSignature', 64),
      reason: decodeField(input.reason, 'reason'),
      reasonSignature: decodeField(input.reasonSignature, 'reasonSignature', 64),
      threadKeySealedCdr:
        input.threadKeySealedCdr === null
          ? null
          : decodeField(input.threadKeySealedCdr, 'threadKeySealedCdr'),
    };
    const now = clock();
    let alert: { schoolOrgId: string; reportId: string };
    try {
      alert = await db.transaction().execute(async (trx) => {
        const report = await ownReport(trx, staff, c.req.valid('param').id);
        await lockReportEscalations(trx, report.id, dialect);
        const [cdr, school] = await Promise.all([
          findOrganisation(trx, { id: cdrOrgId }),
          findOrganisation(trx, { id: report.org_id }),
        ]);
        if (!cdr) throw notFound('Organisation');
        if (cdr.kind !== 'cdr') {
          throw new ApiError(400, 'validation_failed', 'Invalid json', [
            { path: 'cdrOrgId', message: 'is not a family centre (CdR)' },
          ]);
        }
        if (cdr.cert_version !== input.cdrKeyVersion) throw staleKey('CdR');
        if (!school || school.cert_version !== input.schoolKeyVersion) throw staleKey('school');
        const found = await reportAttachmentIds(trx, report.id, attachmentIds);
        if (attachmentIds.some((a) => !found.has(a))) throw notFound('Attachment');
        if (await findOpenEscalation(trx, report.id)) {
          throw new ApiError(409, 'conflict', 'The report already has an open escalation');
        }
        if (await escalationExists(trx, id)) throw new ApiError(409, 'conflict', 'Id used');
        // The ids in the associated data: shared/crypto/escalation.ts.
        const ad = { reportId: report.id, itemId: id, authorRole: 'counsellor' } as const;
        await checkStaffSignatures(trx, staff.id, [
          {
            field: 'packageSignature',
            blob: bytes.package,
            signature: bytes.packageSignature,
            ad: { ...ad, kind: 'escalation' },
          },
          {
            field: 'reasonSignature',
            blob: bytes.reason,
            signature: bytes.reasonSignature,
            ad: { ...ad, kind: 'escalation-reason' },
          },
        ]);
        await insertEscalation(trx, {
          id,
          report_id: report.id,
          school_org_id: report.org_id,
          cdr_org_id: cdr.id,
          status: 'open',
          urgent: input.urgent ? 1 : 0,
          created_by: staff.id,
          assignee_id: null,
          esc_key_sealed_cdr: bytes.escKeySealedCdr,
          cdr_key_version: input.cdrKeyVersion,
          esc_key_sealed_school: bytes.escKeySealedSchool,
          school_key_version: input.schoolKeyVersion,
          package: bytes.package,
          package_signature: bytes.packageSignature,
          reason: bytes.reason,
          reason_signature: bytes.reasonSignature,
          thread_key_sealed_cdr: bytes.threadKeySealedCdr,
          result: null,
          niebieska_karta_date: null,
          created_at: now.toISOString(),
          closed_at: null,
          attachment_ids: JSON.stringify(attachmentIds),
          // Where "from here on" starts for the CdR [Note: hand-over point].
          handover_seq: bytes.threadKeySealedCdr ? await lastSeq(trx, report.id, 'pupil') : null,
        });
        for (const orgId of [report.org_id, cdr.id]) {
          await appendAudit(
            trx,
            {
              orgId,
              actorId: staff.id,
              action: 'escalation.created',
              subjectType: 'escalation',
              subjectId: id,
              at: now,
            },
            dialect,
          );
        }
        return { schoolOrgId: report.org_id, reportId: report.id };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ApiError(409, 'conflict', 'Id used');
      throw err;
    }
    c.var.deps.alerts.notify({
      kind: 'escalation',
      orgId: cdrOrgId,
      schoolOrgId: alert.schoolOrgId,
      reportId: alert.reportId,
      escalationId: id,
      urgent: input.urgent,
    });
    return c.json({ id }, 201);
  },
);
