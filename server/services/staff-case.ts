// The case as a school's counsellor sees it: finding a report of the member's own school (any
// other report answers 404, so an id of another school is indistinguishable from a made-up one),
// the inbox item, and the full case view.
import type {
  CaseDto,
  InboxItemDto,
  RISK_LEVELS,
  TRIAGE_CATEGORIES,
} from '../../shared/protocol/staff.ts';
import type { DbOrTrx } from '../db/database.ts';
import { listReportAttachments } from '../db/repositories/attachments.ts';
import { listReportHistory } from '../db/repositories/case-history.ts';
import { listThreadMessages } from '../db/repositories/messages.ts';
import { listNotes } from '../db/repositories/notes.ts';
import { findOrganisation } from '../db/repositories/organisations.ts';
import { escalationState, findReport } from '../db/repositories/reports.ts';
import type { Report } from '../db/tables/reports.ts';
import { notFound } from '../errors.ts';
import type { StaffPrincipal } from '../middleware/staff-auth.ts';
import { attachmentDto, messageDto } from './pupil-thread.ts';
import { encodeField } from './wire-bytes.ts';

const HOUR_MS = 60 * 60 * 1000;

/** The report, when it belongs to the member's organisation; 404 otherwise. */
export async function ownReport(
  db: DbOrTrx,
  staff: Pick<StaffPrincipal, 'orgId'>,
  id: string,
): Promise<Report> {
  const report = await findReport(db, id.toLowerCase());
  if (!report || staff.orgId === null || report.org_id !== staff.orgId) throw notFound('Report');
  return report;
}

/** A school's wait target when none is set (the column's default). */
export const DEFAULT_WAIT_TARGET_HOURS = 24;

export async function waitTargetHours(db: DbOrTrx, orgId: string): Promise<number> {
  return (
    (await findOrganisation(db, { id: orgId }))?.wait_target_hours ?? DEFAULT_WAIT_TARGET_HOURS
  );
}

type ItemFields = Pick<
  Report,
  | 'id'
  | 'urgent'
  | 'status'
  | 'category'
  | 'risk'
  | 'assignee_id'
  | 'flag'
  | 'replies_paused'
  | 'created_hour'
  | 'waiting_since'
>;

/** The pupil has waited longer than the school's target (the inbox's overdue mark). */
export function isOverdue(waitingSince: string | null, waitTargetHours: number, now: Date) {
  return (
    waitingSince !== null && now.getTime() - Date.parse(waitingSince) > waitTargetHours * HOUR_MS
  );
}

export function inboxItem(
  r: ItemFields,
  ctx: { waitTargetHours: number; now: Date; read: boolean; escalated: boolean },
): InboxItemDto {
  return {
    id: r.id,
    urgent: r.urgent !== 0,
    status: r.status,
    // Written only through TriageSchema's picklists, so the stored codes are of these lists.
    category: r.category as (typeof TRIAGE_CATEGORIES)[number] | null,
    risk: r.risk as (typeof RISK_LEVELS)[number] | null,
    assigneeId: r.assignee_id,
    flag: r.flag,
    repliesPaused: r.replies_paused !== 0,
    createdHour: r.created_hour,
    waitingSince: r.waiting_since,
    overdue: isOverdue(r.waiting_since, ctx.waitTargetHours, ctx.now),
    unread: !ctx.read,
    escalated: ctx.escalated,
  };
}

/** The case view of a report the member has just opened (so it is read). */
export async function caseView(db: DbOrTrx, report: Report, now: Date): Promise<CaseDto> {
  const [target, messages, attachments, notes, history, escalation] = await Promise.all([
    waitTargetHours(db, report.org_id),
    listThreadMessages(db, report.id, 'pupil'),
    listReportAttachments(db, report.id),
    listNotes(db, report.id),
    listReportHistory(db, report.org_id, report.id),
    escalationState(db, report.id),
  ]);
  return {
    item: inboxItem(report, {
      waitTargetHours: target,
      now,
      read: true,
      escalated: escalation.escalated,
    }),
    orgKeyVersion: report.org_key_version,
    body: encodeField(report.body),
    threadKeySealed: encodeField(report.thread_key_sealed),
    staffKeySealed: report.staff_key_sealed ? encodeField(report.staff_key_sealed) : null,
    messages: messages.map(messageDto),
    attachments: attachments.map(attachmentDto),
    notes: notes.map((n) => ({
      id: n.id,
      authorId: n.author_id,
      blob: encodeField(n.blob),
      signature: encodeField(n.signature),
      author: {
        signPublicKey: n.author_sign_public_key,
        boxPublicKey: n.author_box_public_key,
        endorsement: n.author_endorsement,
      },
      createdAt: n.created_at,
    })),
    history: history.map((h) => ({ action: h.action, actorId: h.actor_id, at: h.created_at })),
    cdrOrgId: escalation.cdrOrgId,
  };
}
