// GET /api/staff/escalations: a CdR specialist's queue (their CdR, every school), or a counsellor's
// view of their own school's escalations; GET /api/staff/escalations/:id: one escalation as the
// caller's organisation may open it (services/escalation-case.ts).
import { Hono } from 'hono';
import type { EscalationCaseDto } from '../../../../shared/protocol/escalations.ts';
import { listEscalations } from '../../../db/repositories/escalations.ts';
import { notFound } from '../../../errors.ts';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { validate } from '../../../middleware/validate.ts';
import { escalationItem, partyEscalation, sideOf } from '../../../services/escalation-access.ts';
import { escalationCaseView } from '../../../services/escalation-case.ts';
import {
  eitherParty,
  EscalationParamsSchema,
  EscalationQuerySchema,
  type EscalationListDto,
} from './params.ts';

export const readRoutes = new Hono<StaffEnv>()
  .get('/', eitherParty, validate('query', EscalationQuerySchema), async (c) => {
    const { orgId } = c.var.staff;
    if (!orgId) throw notFound('Organisation');
    const { status } = c.req.valid('query');
    const by = sideOf(c.var.staff) === 'cdr' ? { cdrOrgId: orgId } : { schoolOrgId: orgId };
    const rows = await listEscalations(c.var.deps.db, { ...by, ...(status ? { status } : {}) });
    return c.json<EscalationListDto>({ items: rows.map(escalationItem) });
  })
  .get('/:id', eitherParty, validate('param', EscalationParamsSchema), async (c) => {
    const { db } = c.var.deps;
    const staff = c.var.staff;
    const e = await partyEscalation(db, staff, c.req.valid('param').id);
    // partyEscalation has checked that the caller belongs to an organisation of the escalation.
    return c.json<EscalationCaseDto>(await escalationCaseView(db, e, staff.orgId ?? ''));
  });
