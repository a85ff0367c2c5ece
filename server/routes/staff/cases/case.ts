// GET /api/staff/reports/:id: the case (and it is now read by this member);
// PATCH /api/staff/reports/:id: triage. Each changed field is audited as its own action, and the
// audit row names the action only, never the new value [Note: audit chain].
import { Hono } from 'hono';
import type { CaseDto, InboxItemDto } from '../../../../shared/protocol/staff.ts';
import { TriageSchema } from '../../../../shared/protocol/staff.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { findMemberOfOrg } from '../../../db/repositories/colleagues.ts';
import { isRead, markRead } from '../../../db/repositories/inbox.ts';
import { escalationState, updateReport } from '../../../db/repositories/reports.ts';
import type { ReportUpdate } from '../../../db/tables/reports.ts';
import { ApiError, notFound } from '../../../errors.ts';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { caseView, inboxItem, ownReport, waitTargetHours } from '../../../services/staff-case.ts';
import { counsellorOnly, ReportParamsSchema } from './params.ts';

export const caseRoutes = new Hono<StaffEnv>()
  .get('/:id', counsellorOnly, validate('param', ReportParamsSchema), async (c) => {
    const { db, clock } = c.var.deps;
    const report = await ownReport(db, c.var.staff, c.req.valid('param').id);
    const now = clock();
    await markRead(db, report.id, c.var.staff.id, now.toISOString());
    return c.json<CaseDto>(await caseView(db, report, now));
  })
  .patch(
    '/:id',
    counsellorOnly,
    validate('param', ReportParamsSchema),
    validate('json', TriageSchema),
    async (c) => {
      const { db, dialect, clock } = c.var.deps;
      const staff = c.var.staff;
      const input = c.req.valid('json');
      const now = clock();
      const updated = await db.transaction().execute(async (trx) => {
        const report = await ownReport(trx, staff, c.req.valid('param').id);
        const update: ReportUpdate = {};
        const actions: string[] = [];
        const change = <K extends keyof ReportUpdate>(
          action: string,
          key: K,
          value: ReportUpdate[K] | undefined,
          current: unknown,
        ) => {
          if (value === undefined || value === current) return;
          update[key] = value;
          actions.push(action);
        };
        if (input.assigneeId) {
          const member = await findMemberOfOrg(trx, report.org_id, input.assigneeId.toLowerCase());
          if (!member) throw notFound('Member');
          if (member.status !== 'active') {
            throw new ApiError(400, 'validation_failed', 'Invalid json', [
              { path: 'assigneeId', message: 'is not an active member' },
            ]);
          }
        }
        change('report.status', 'status', input.status, report.status);
        change('report.category', 'category', input.category, report.category);
        change('report.risk', 'risk', input.risk, report.risk);
        change(
          'report.assigned',
          'assignee_id',
          input.assigneeId === undefined ? undefined : (input.assigneeId?.toLowerCase() ?? null),
          report.assignee_id,
        );
        // A misuse mark (false report, test): nothing is deleted, the inbox shows the flag.
        change('report.flagged', 'flag', input.flag, report.flag);
        change(
          'report.replies_paused',
          'replies_paused',
          input.repliesPaused === undefined ? undefined : input.repliesPaused ? 1 : 0,
          report.replies_paused,
        );
        if (actions.length === 0) return report;
        // A closed report keeps nobody waiting, so it cannot be overdue.
        if (update.status === 'closed') update.waiting_since = null;
        update.updated_at = now.toISOString();
        await updateReport(trx, report.id, update);
        for (const action of actions) {
          await appendAudit(
            trx,
            {
              orgId: report.org_id,
              actorId: staff.id,
              action,
              subjectType: 'report',
              subjectId: report.id,
              at: now,
            },
            dialect,
          );
        }
        return { ...report, ...update } as typeof report;
      });
      const [target, read, escalation] = await Promise.all([
        waitTargetHours(db, updated.org_id),
        isRead(db, updated.id, staff.id),
        escalationState(db, updated.id),
      ]);
      return c.json<InboxItemDto>(
        inboxItem(updated, { waitTargetHours: target, now, read, escalated: escalation.escalated }),
      );
    },
  );
