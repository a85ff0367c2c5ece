// POST /api/staff/escalations/:id/messages: the CdR-school thread (messages thread 'cdr', items
// under K_esc), written by either party. POST /api/staff/escalations/:id/pupil-messages: a CdR
// specialist answers the pupil in the pupil thread itself, only when the school handed the
// conversation over (K_thread sealed to the CdR); it shares the seq with the school's replies and
// the pupil's messages, and counts as an answer like a school reply does.
import { Hono } from 'hono';
import { EscalationMessageSchema } from '../../../../shared/protocol/escalations.ts';
import { isUniqueViolation } from '../../../db/constraint.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { findMessage, insertMessage, lastSeq } from '../../../db/repositories/messages.ts';
import { findReport, updateReport } from '../../../db/repositories/reports.ts';
import type { MessageThread } from '../../../db/tables/reports.ts';
import { ApiError, notFound } from '../../../errors.ts';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { assertOpen, partyEscalation } from '../../../services/escalation-access.ts';
import { chainedMessageAd, checkStaffSignatures } from '../../../services/staff-signatures.ts';
import { decodeField } from '../../../services/wire-bytes.ts';
import { cdrOnly, eitherParty, EscalationParamsSchema } from './params.ts';

const seqConflict = () =>
  new ApiError(409, 'conflict', 'Not the next message in the thread: read it again');

type Input = { id: string; seq: number; blob: string; signature: string };

/** Decodes and checks a message before the transaction, and turns a lost seq race into 409. */
function prepare(input: Input) {
  return {
    id: input.id.toLowerCase(),
    seq: input.seq,
    blob: decodeField(input.blob, 'blob'),
    signature: decodeField(input.signature, 'signature', 64),
  };
}

async function seqRace<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isUniqueViolation(err)) throw seqConflict();
    throw err;
  }
}

export const messageRoutes = new Hono<StaffEnv>()
  .post(
    '/:id/messages',
    eitherParty,
    validate('param', EscalationParamsSchema),
    validate('json', EscalationMessageSchema),
    async (c) => {
      const { db, dialect, clock } = c.var.deps;
      const staff = c.var.staff;
      const msg = prepare(c.req.valid('json'));
      const now = clock();
      await seqRace(() =>
        db.transaction().execute(async (trx) => {
          const e = await partyEscalation(trx, staff, c.req.valid('param').id);
          assertOpen(e);
          await insertNext(trx, e.report_id, 'cdr', msg, {
            author_role: e.side === 'cdr' ? 'cdr' : 'counsellor',
            author_id: staff.id,
            created_at: now.toISOString(),
          });
          await appendAudit(
            trx,
            {
              orgId: e.side === 'cdr' ? e.cdr_org_id : e.school_org_id,
              actorId: staff.id,
              action: 'escalation.message',
              subjectType: 'escalation',
              subjectId: e.id,
              at: now,
            },
            dialect,
          );
        }),
      );
      return c.json({ id: msg.id, seq: msg.seq }, 201);
    },
  )
  .post(
    '/:id/pupil-messages',
    cdrOnly,
    validate('param', EscalationParamsSchema),
    validate('json', EscalationMessageSchema),
    async (c) => {
      const { db, dialect, clock } = c.var.deps;
      const staff = c.var.staff;
      const msg = prepare(c.req.valid('json'));
      const now = clock();
      await seqRace(() =>
        db.transaction().execute(async (trx) => {
          const e = await partyEscalation(trx, staff, c.req.valid('param').id);
          if (e.thread_key_sealed_cdr === null) {
            throw new ApiError(403, 'forbidden', 'The conversation was not handed over');
          }
          assertOpen(e);
          const report = await findReport(trx, e.report_id);
          if (!report) throw notFound('Report');
          await insertNext(trx, report.id, 'pupil', msg, {
            author_role: 'cdr',
            author_id: staff.id,
            created_at: now.toISOString(),
          });
          await updateReport(trx, report.id, {
            ...(report.status === 'closed' ? {} : { status: 'waiting_for_pupil' as const }),
            first_answer_at: report.first_answer_at ?? now.toISOString(),
            waiting_since: null,
            updated_at: now.toISOString(),
          });
          // The school's chain (its case history shows the CdR answered), then the CdR's; always
          // in this order, so two transactions never wait for each other's advisory locks.
          const entries = [
            { orgId: e.school_org_id, subjectType: 'report', subjectId: report.id },
            { orgId: e.cdr_org_id, subjectType: 'escalation', subjectId: e.id },
          ];
          for (const entry of entries) {
            await appendAudit(
              trx,
              { ...entry, actorId: staff.id, action: 'escalation.pupil_message', at: now },
              dialect,
            );
          }
        }),
      );
      return c.json({ id: msg.id, seq: msg.seq }, 201);
    },
  );

async function insertNext(
  trx: Parameters<typeof insertMessage>[0],
  reportId: string,
  thread: MessageThread,
  msg: ReturnType<typeof prepare>,
  author: { author_role: 'cdr' | 'counsellor'; author_id: string; created_at: string },
): Promise<void> {
  if (msg.seq !== (await lastSeq(trx, reportId, thread)) + 1) throw seqConflict();
  if (await findMessage(trx, msg.id)) throw new ApiError(409, 'conflict', 'Message id used');
  const ad = await chainedMessageAd(
    trx,
    { reportId, thread, id: msg.id, seq: msg.seq },
    author.author_role,
  );
  await checkStaffSignatures(trx, author.author_id, [
    { field: 'signature', blob: msg.blob, signature: msg.signature, ad },
  ]);
  await insertMessage(trx, {
    id: msg.id,
    report_id: reportId,
    thread,
    seq: msg.seq,
    blob: msg.blob,
    signature: msg.signature,
    ...author,
  });
}
