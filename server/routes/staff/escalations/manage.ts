// What the CdR records about an escalation: PATCH (status, assignee, Niebieska Karta date; each
// change audited as its own action, never with its value [Note: audit chain]), outcomes (the
// service given, with an optional signed note under K_esc), and closing with the result the
// school sees. A closed escalation refuses every write.
import { Hono } from 'hono';
import {
  CloseEscalationSchema,
  EscalationUpdateSchema,
  OutcomeSchema,
  type EscalationItemDto,
} from '../../../../shared/protocol/escalations.ts';
import { isUniqueViolation } from '../../../db/constraint.ts';
import { appendAudit, type AuditInput } from '../../../db/repositories/audit.ts';
import { findMemberOfOrg } from '../../../db/repositories/colleagues.ts';
import {
  findEscalationRow,
  insertOutcome,
  outcomeExists,
  updateEscalation,
} from '../../../db/repositories/escalations.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import type { EscalationUpdate } from '../../../db/tables/escalations.ts';
import { ApiError, notFound } from '../../../errors.ts';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import {
  assertOpen,
  escalationItem,
  partyEscalation,
} from '../../../services/escalation-access.ts';
import { checkStaffSignatures } from '../../../services/staff-signatures.ts';
import { decodeField } from '../../../services/wire-bytes.ts';
import { cdrOnly, EscalationParamsSchema } from './params.ts';

const invalid = (path: string, message: string) =>
  new ApiError(400, 'validation_failed', 'Invalid json', [{ path, message }]);

async function itemOf(db: DbOrTrx, id: string): Promise<EscalationItemDto> {
  const row = await findEscalationRow(db, id);
  if (!row) throw notFound('Escalation');
  return escalationItem(row);
}

export const manageRoutes = new Hono<StaffEnv>()
  .patch(
    '/:id',
    cdrOnly,
    validate('param', EscalationParamsSchema),
    validate('json', EscalationUpdateSchema),
    async (c) => {
      const { db, dialect, clock } = c.var.deps;
      const staff = c.var.staff;
      const input = c.req.valid('json');
      const now = clock();
      const item = await db.transaction().execute(async (trx) => {
        const e = await partyEscalation(trx, staff, c.req.valid('param').id);
        assertOpen(e);
        const assigneeId =
          input.assigneeId === undefined ? undefined : (input.assigneeId?.toLowerCase() ?? null);
        if (assigneeId) {
          // Only a specialist of this CdR can take the case, never a school's counsellor.
          const member = await findMemberOfOrg(trx, e.cdr_org_id, assigneeId);
          if (!member) throw notFound('Member');
          if (member.status !== 'active') throw invalid('assigneeId', 'is not an active member');
        }
        const update: EscalationUpdate = {};
        const actions: string[] = [];
        const change = <K extends keyof EscalationUpdate>(
          action: string,
          key: K,
          value: EscalationUpdate[K] | undefined,
          current: unknown,
        ) => {
          if (value === undefined || value === current) return;
          update[key] = value;
          actions.push(action);
        };
        change('escalation.status', 'status', input.status, e.status);
        change('escalation.assigned', 'assignee_id', assigneeId, e.assignee_id);
        change(
          'escalation.niebieska_karta',
          'niebieska_karta_date',
          input.niebieskaKartaDate,
          e.niebieska_karta_date,
        );
        if (actions.length > 0) await updateEscalation(trx, e.id, update);
        for (const action of actions) {
          await appendAudit(trx, cdrEntry(e, staff.id, action, now), dialect);
        }
        return itemOf(trx, e.id);
      });
      return c.json<EscalationItemDto>(item);
    },
  )
  .post(
    '/:id/outcomes',
    cdrOnly,
    validate('param', EscalationParamsSchema),
    validate('json', OutcomeSchema),
    async (c) => {
      const { db, dialect, clock } = c.var.deps;
      const staff = c.var.staff;
      const input = c.req.valid('json');
      const id = input.id.toLowerCase();
      // A note is vouched for by its signature: one without the other is refused.
      if ((input.note === null) !== (input.signature === null)) {
        throw invalid(input.note === null ? 'note' : 'signature', 'note and signature go together');
      }
      const note = input.note === null ? null : decodeField(input.note, 'note');
      const signature =
        input.signature === null ? null : decodeField(input.signature, 'signature', 64);
      const now = clock();
      try {
        await db.transaction().execute(async (trx) => {
          const e = await partyEscalation(trx, staff, c.req.valid('param').id);
          assertOpen(e);
          if (await outcomeExists(trx, id)) throw new ApiError(409, 'conflict', 'Outcome id used');
          if (note !== null && signature !== null) {
            const ad = {
              reportId: e.report_id,
              kind: 'outcome',
              itemId: id,
              authorRole: 'cdr',
            } as const;
            await checkStaffSignatures(trx, staff.id, [
              { field: 'signature', blob: note, signature, ad },
            ]);
          }
          await insertOutcome(trx, {
            id,
            escalation_id: e.id,
            service: input.service,
            note,
            signature,
            author_id: staff.id,
            created_at: now.toISOString(),
          });
          await appendAudit(trx, cdrEntry(e, staff.id, 'escalation.outcome', now), dialect);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new ApiError(409, 'conflict', 'Outcome id used');
        throw err;
      }
      return c.json({ id }, 201);
    },
  )
  .post(
    '/:id/close',
    cdrOnly,
    validate('param', EscalationParamsSchema),
    validate('json', CloseEscalationSchema),
    async (c) => {
      const { db, dialect, clock } = c.var.deps;
      const staff = c.var.staff;
      const { result } = c.req.valid('json');
      const now = clock();
      const item = await db.transaction().execute(async (trx) => {
        const e = await partyEscalation(trx, staff, c.req.valid('param').id);
        assertOpen(e);
        await updateEscalation(trx, e.id, {
          status: 'closed',
          result,
          closed_at: now.toISOString(),
        });
        // Both chains, the school's first (the order every two-chain write keeps).
        for (const orgId of [e.school_org_id, e.cdr_org_id]) {
          await appendAudit(
            trx,
            { ...cdrEntry(e, staff.id, 'escalation.closed', now), orgId },
            dialect,
          );
        }
        return itemOf(trx, e.id);
      });
      return c.json<EscalationItemDto>(item);
    },
  );

function cdrEntry(
  e: { id: string; cdr_org_id: string },
  actorId: string,
  action: string,
  at: Date,
): AuditInput {
  return {
    orgId: e.cdr_org_id,
    actorId,
    action,
    subjectType: 'escalation',
    subjectId: e.id,
    at,
  };
}
