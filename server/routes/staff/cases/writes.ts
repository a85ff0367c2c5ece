// What a counsellor writes into a case: a signed reply in the pupil thread, the case's staff key
// K_staff (once), and signed notes under K_staff that the pupil never receives.
import { Hono } from 'hono';
import {
  NoteSchema,
  StaffKeySchema,
  StaffMessageSchema,
} from '../../../../shared/protocol/staff.ts';
import { isUniqueViolation } from '../../../db/constraint.ts';
import { appendAudit } from '../../../db/repositories/audit.ts';
import { findMessage, insertMessage, lastSeq } from '../../../db/repositories/messages.ts';
import { insertNote, noteExists } from '../../../db/repositories/notes.ts';
import { updateReport } from '../../../db/repositories/reports.ts';
import { ApiError } from '../../../errors.ts';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { ownReport } from '../../../services/staff-case.ts';
import { chainedMessageAd, checkStaffSignatures } from '../../../services/staff-signatures.ts';
import { decodeField } from '../../../services/wire-bytes.ts';
import { counsellorOnly, ReportParamsSchema } from './params.ts';

const seqConflict = () =>
  new ApiError(409, 'conflict', 'Not the next message in the thread: read it again');

export const writeRoutes = new Hono<StaffEnv>()
  // A reply is allowed on a closed report too: a counsellor may still write after closing (e.g. a
  // last word when the pupil writes again); it then stays closed.
  .post(
    '/:id/messages',
    counsellorOnly,
    validate('param', ReportParamsSchema),
    validate('json', StaffMessageSchema),
    async (c) => {
      const { db, dialect, clock } = c.var.deps;
      const staff = c.var.staff;
      const input = c.req.valid('json');
      const id = input.id.toLowerCase();
      const blob = decodeField(input.blob, 'blob');
      const signature = decodeField(input.signature, 'signature', 64);
      const now = clock();
      try {
        await db.transaction().execute(async (trx) => {
          const report = await ownReport(trx, staff, c.req.valid('param').id);
          if (input.seq !== (await lastSeq(trx, report.id, 'pupil')) + 1) throw seqConflict();
          if (await findMessage(trx, id)) throw new ApiError(409, 'conflict', 'Message id used');
          const msg = { reportId: report.id, thread: 'pupil' as const, id, seq: input.seq };
          const ad = await chainedMessageAd(trx, msg, 'counsellor');
          await checkStaffSignatures(trx, staff.id, [{ field: 'signature', blob, signature, ad }]);
          await insertMessage(trx, {
            id,
            report_id: report.id,
            thread: 'pupil',
            seq: input.seq,
            author_role: 'counsellor',
            author_id: staff.id,
            blob,
            signature,
            created_at: now.toISOString(),
          });
          await updateReport(trx, report.id, {
            ...(report.status === 'closed' ? {} : { status: 'waiting_for_pupil' as const }),
            first_answer_at: report.first_answer_at ?? now.toISOString(),
            waiting_since: null,
            updated_at: now.toISOString(),
          });
          await appendAudit(
            trx,
            {
              orgId: report.org_id,
              actorId: staff.id,
              action: 'report.replied',
              subjectType: 'report',
              subjectId: report.id,
              at: now,
            },
            dialect,
          );
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw seqConflict();
        throw err;
      }
      return c.json({ id, seq: input.seq }, 201);
    },
  )
  .post(
    '/:id/staff-key',
    counsellorOnly,
    validate('param', ReportParamsSchema),
    validate('json', StaffKeySchema),
    async (c) => {
      const { db, dialect, clock } = c.var.deps;
      const staff = c.var.staff;
      const sealed = decodeField(c.req.valid('json').staffKeySealed, 'staffKeySealed');
      await db.transaction().execute(async (trx) => {
        const report = await ownReport(trx, staff, c.req.valid('param').id);
        // Set once: replacing K_staff would orphan every note already written under it.
        if (report.staff_key_sealed !== null) {
          throw new ApiError(409, 'conflict', 'The staff key is already set');
        }
        await updateReport(trx, report.id, { staff_key_sealed: sealed });
        await appendAudit(
          trx,
          {
            orgId: report.org_id,
            actorId: staff.id,
            action: 'report.staff_key',
            subjectType: 'report',
            subjectId: report.id,
            at: clock(),
          },
          dialect,
        );
      });
      return c.body(null, 204);
    },
  )
  .post(
    '/:id/notes',
    counsellorOnly,
    validate('param', ReportParamsSchema),
    validate('json', NoteSchema),
    async (c) => {
      const { db, dialect, clock } = c.var.deps;
      const staff = c.var.staff;
      const input = c.req.valid('json');
      const id = input.id.toLowerCase();
      const blob = decodeField(input.blob, 'blob');
      const signature = decodeField(input.signature, 'signature', 64);
      const now = clock();
      try {
        await db.transaction().execute(async (trx) => {
          const report = await ownReport(trx, staff, c.req.valid('param').id);
          if (report.staff_key_sealed === null) {
            throw new ApiError(409, 'conflict', 'Set the staff key first');
          }
          if (await noteExists(trx, id)) throw new ApiError(409, 'conflict', 'Note id used');
          const ad = {
            reportId: report.id,
            kind: 'note',
            itemId: id,
            authorRole: 'counsellor',
          } as const;
          await checkStaffSignatures(trx, staff.id, [{ field: 'signature', blob, signature, ad }]);
          const at = now.toISOString();
          await insertNote(trx, {
            id,
            reportId: report.id,
            authorId: staff.id,
            blob,
            signature,
            at,
          });
          await appendAudit(
            trx,
            {
              orgId: report.org_id,
              actorId: staff.id,
              action: 'note.added',
              subjectType: 'report',
              subjectId: report.id,
              at: now,
            },
            dialect,
          );
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new ApiError(409, 'conflict', 'Note id used');
        throw err;
      }
      return c.json({ id }, 201);
    },
  );
