// POST /api/pupil/messages: the pupil's next message in the pupil thread. The seq must follow
// the last one exactly, so the chain the clients verify has no gap or fork ([Note: message
// chain]); the unique (report, thread, seq) constraint settles a race between two devices. The
// report becomes unread for its staff [Note: unread reports] and they are alerted, as is the CdR
// that holds the conversation after a hand-over.
import { Hono } from 'hono';
import { PostMessageSchema } from '../../../shared/protocol/pupil.ts';
import { isUniqueViolation } from '../../db/constraint.ts';
import { handedOverCdrs } from '../../db/repositories/escalations.ts';
import { clearReads } from '../../db/repositories/inbox.ts';
import { findMessage, insertMessage, lastSeq } from '../../db/repositories/messages.ts';
import { findReport, updateReport } from '../../db/repositories/reports.ts';
import { ApiError, notFound } from '../../errors.ts';
import { pupilSession, type PupilEnv } from '../../middleware/pupil-session.ts';
import { validate } from '../../middleware/validate.ts';
import { coarseHourIso } from '../../services/pupil-time.ts';
import { decodeField } from '../../services/wire-bytes.ts';
import { limitPerReport } from './rate.ts';

const seqConflict = () =>
  new ApiError(409, 'conflict', 'Not the next message in the thread: read it again');

export function messageRoutes() {
  return new Hono<PupilEnv>().post(
    '/',
    pupilSession,
    limitPerReport('message', (l) => l.messagesPerReceipt),
    validate('json', PostMessageSchema),
    async (c) => {
      const input = c.req.valid('json');
      const { writer, clock } = c.var.deps;
      const { reportId } = c.var.session;
      const id = input.id.toLowerCase();
      const blob = decodeField(input.blob, 'blob');
      const hour = coarseHourIso(clock());
      let alert: { orgId: string; urgent: boolean; cdrs: string[] };
      try {
        // Committed with the others of the moment [Note: group commit].
        alert = await writer.run(async (trx) => {
          const report = await findReport(trx, reportId);
          if (!report) throw notFound('Report');
          // A paused conversation (the counsellor's decision) refuses; a flag alone does not.
          if (report.replies_paused) throw new ApiError(403, 'forbidden', 'Replies are paused');
          if (input.seq !== (await lastSeq(trx, reportId, 'pupil')) + 1) throw seqConflict();
          if (await findMessage(trx, id)) throw new ApiError(409, 'conflict', 'Message id used');
          await insertMessage(trx, {
            id,
            report_id: reportId,
            thread: 'pupil',
            seq: input.seq,
            author_role: 'pupil',
            author_id: null,
            blob,
            signature: null,
            created_at: hour,
          });
          await updateReport(trx, reportId, {
            updated_at: hour,
            // Kept when the pupil already waits: writing again must not reset the clock that
            // marks the report overdue.
            waiting_since: report.waiting_since ?? hour,
            ...(report.status === 'waiting_for_pupil' ? { status: 'in_progress' as const } : {}),
          });
          await clearReads(trx, reportId);
          // A CdR holding the conversation hears of it too (content-free, like the school).
          const cdrs = await handedOverCdrs(trx, reportId);
          return { orgId: report.org_id, urgent: report.urgent === 1, cdrs };
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw seqConflict();
        throw err;
      }
      const { orgId, urgent, cdrs } = alert;
      c.var.deps.alerts.notify({ kind: 'message', reportId, orgId, urgent });
      for (const cdr of cdrs) {
        c.var.deps.alerts.notify({
          kind: 'message',
          reportId,
          orgId: cdr,
          schoolOrgId: orgId,
          urgent,
        });
      }
      return c.json({ id, seq: input.seq }, 201);
    },
  );
}
