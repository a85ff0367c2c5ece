// The staff inbox of one school, in the order a counsellor should work through it:
// open urgent reports first, then the longest waiting (waiting_since ascending, nobody waiting
// last), then the newest. [Note: unread reports] A report_reads row means the member opened the
// report after the pupil last wrote: every pupil write (report, message, attachment) deletes the
// report's rows, so "unread" is simply "no row for this member". Comparing read_at with the
// pupil's time would not work: pupil times are coarse hours [Note: coarse pupil time], so a
// message written in the same hour as the last opening would look read.
import { sql } from 'kysely';
import { INBOX_PAGE } from '../../../shared/protocol/staff.ts';
import type { DbOrTrx } from '../database.ts';
import type { Report, ReportStatus } from '../tables/reports.ts';

export type InboxRow = Omit<
  Report,
  'body' | 'thread_key_sealed' | 'thread_key_pupil' | 'staff_key_sealed' | 'lookup_hash'
> & { read: number; escalated: number };

export interface InboxQuery {
  orgId: string;
  staffId: string;
  filter: 'all' | 'unread' | 'mine';
  status?: ReportStatus;
  /** 0-based; a page holds INBOX_PAGE rows, and one more is read to tell whether more follow. */
  page: number;
}

/** The inbox's query, unexecuted (the tests read its plan). */
export function inboxQuery(db: DbOrTrx, q: InboxQuery) {
  let query = db
    .selectFrom('reports as r')
    .leftJoin('report_reads as rr', (join) =>
      join.onRef('rr.report_id', '=', 'r.id').on('rr.staff_id', '=', q.staffId),
    )
    .select([
      'r.id',
      'r.org_id',
      'r.urgent',
      'r.status',
      'r.category',
      'r.risk',
      'r.assignee_id',
      'r.flag',
      'r.replies_paused',
      'r.org_key_version',
      'r.created_hour',
      'r.first_answer_at',
      'r.updated_at',
      'r.waiting_since',
      sql<number>`case when rr.staff_id is null then 0 else 1 end`.as('read'),
      // Per row of the page, through escalations_report: the inbox marks handed-over cases.
      sql<number>`case when exists (select 1 from escalations e where e.report_id = r.id) then 1 else 0 end`.as(
        'escalated',
      ),
    ])
    .where('r.org_id', '=', q.orgId);
  if (q.filter === 'unread') query = query.where('rr.staff_id', 'is', null);
  if (q.filter === 'mine') query = query.where('r.assignee_id', '=', q.staffId);
  if (q.status) query = query.where('r.status', '=', q.status);
  // These expressions are indexed as written [Note: inbox order index]: change them together.
  return query
    .orderBy(sql`case when r.urgent = 1 and r.status <> 'closed' then 0 else 1 end`)
    .orderBy(sql`case when r.waiting_since is null then 1 else 0 end`)
    .orderBy('r.waiting_since')
    .orderBy('r.created_hour', 'desc')
    .orderBy('r.id')
    .limit(INBOX_PAGE + 1)
    .offset(q.page * INBOX_PAGE);
}

export function listInbox(db: DbOrTrx, q: InboxQuery): Promise<InboxRow[]> {
  return inboxQuery(db, q).execute();
}

/** The member opened the report now (see [Note: unread reports]). */
export async function markRead(
  db: DbOrTrx,
  reportId: string,
  staffId: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('report_reads')
    .values({ report_id: reportId, staff_id: staffId, read_at: at })
    .onConflict((oc) => oc.columns(['report_id', 'staff_id']).doUpdateSet({ read_at: at }))
    .execute();
}

export async function isRead(db: DbOrTrx, reportId: string, staffId: string): Promise<boolean> {
  const row = await db
    .selectFrom('report_reads')
    .select('staff_id')
    .where('report_id', '=', reportId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The pupil wrote: the report is unread again for every member. */
export async function clearReads(db: DbOrTrx, reportId: string): Promise<void> {
  await db.deleteFrom('report_reads').where('report_id', '=', reportId).execute();
}
