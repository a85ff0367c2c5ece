// GET /api/staff/reports?filter=&status=&page=: a page of INBOX_PAGE reports of the member's
// school and whether more follow (order and unread in db/repositories/inbox.ts);
// GET /api/staff/reports/previews?ids=: what the browser decrypts for those rows [Note: inbox
// previews]; GET /api/staff/reports/colleagues: whom a report can be assigned to.
import { Hono } from 'hono';
import { INBOX_PAGE, InboxQuerySchema, type InboxDto } from '../../../../shared/protocol/staff.ts';
import { listActiveColleagues } from '../../../db/repositories/colleagues.ts';
import { listInbox, type InboxQuery } from '../../../db/repositories/inbox.ts';
import { listPreviews } from '../../../db/repositories/inbox-previews.ts';
import {
  PreviewQuerySchema,
  type PreviewsDto,
} from '../../../../shared/protocol/inbox-previews.ts';
import { encodeField } from '../../../services/wire-bytes.ts';
import { notFound } from '../../../errors.ts';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { inboxItem, isOverdue } from '../../../services/staff-case.ts';
import { counsellorOnly } from './params.ts';

/** Not (yet) in shared/protocol/staff.ts: the answer of GET /api/staff/reports/colleagues. */
export interface ColleaguesDto {
  colleagues: { id: string; displayName: string; role: string }[];
}

export const inboxRoutes = new Hono<StaffEnv>()
  .get('/', counsellorOnly, validate('query', InboxQuerySchema), async (c) => {
    const { db, clock, inboxCache } = c.var.deps;
    // The wait target and the inbox generation came with the session's one query
    // (middleware/staff-auth.ts).
    const { orgId, id, waitTargetHours: target, inboxGeneration } = c.var.staff;
    if (!orgId || inboxGeneration === null) throw notFound('School');
    const query = c.req.valid('query');
    const inbox: InboxQuery = {
      orgId,
      staffId: id,
      filter: query.filter,
      page: query.page,
      ...(query.status ? { status: query.status } : {}),
    };
    // Unchanged since this process read it: the same rows [Note: inbox generation].
    const page =
      inboxCache.get(inbox, inboxGeneration) ??
      inboxCache.set(inbox, inboxGeneration, await listInbox(db, inbox));
    const now = clock();
    const shown = page.rows.slice(0, INBOX_PAGE);
    // The one part of an answer that moves with the clock: the same marks, the same answer.
    const overdue = shown
      .map((r) => (isOverdue(r.waiting_since, target, now) ? '1' : '0'))
      .join('');
    if (page.answer?.overdue !== overdue) {
      const answer: InboxDto = {
        items: shown.map((r) =>
          inboxItem(r, {
            waitTargetHours: target,
            now,
            read: r.read === 1,
            escalated: r.escalated === 1,
          }),
        ),
        hasMore: page.rows.length > INBOX_PAGE,
      };
      page.answer = { overdue, body: JSON.stringify(answer) };
    }
    return c.body(page.answer.body, 200, { 'Content-Type': 'application/json' });
  })
  .get('/previews', counsellorOnly, validate('query', PreviewQuerySchema), async (c) => {
    const { orgId } = c.var.staff;
    if (!orgId) throw notFound('School');
    const ids = [...new Set(c.req.valid('query').ids.map((id) => id.toLowerCase()))];
    const rows = await listPreviews(c.var.deps.db, orgId, ids);
    return c.json<PreviewsDto>({
      previews: rows.map((r) => ({
        id: r.id,
        orgKeyVersion: r.org_key_version,
        body: encodeField(r.body),
        threadKeySealed: encodeField(r.thread_key_sealed),
        photos: r.photos,
        last: r.last_role && r.last_at ? { authorRole: r.last_role, at: r.last_at } : null,
      })),
    });
  })
  .get('/colleagues', counsellorOnly, async (c) => {
    const { orgId } = c.var.staff;
    if (!orgId) throw notFound('School');
    const rows = await listActiveColleagues(c.var.deps.db, orgId);
    return c.json<ColleaguesDto>({
      colleagues: rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role })),
    });
  });
