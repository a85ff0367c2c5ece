// Who may touch an escalation: the specialists of the CdR it went to, and the counsellors of the
// school whose report it is. Anyone else gets 404, as for a made-up id, so an escalation of another
// school or another CdR cannot be told from one that does not exist.
import type { ESCALATION_RESULTS, EscalationItemDto } from '../../shared/protocol/escalations.ts';
import type { DbOrTrx } from '../db/database.ts';
import { findEscalation, type EscalationRow } from '../db/repositories/escalations.ts';
import type { Escalation } from '../db/tables/escalations.ts';
import { ApiError, notFound } from '../errors.ts';
import type { StaffPrincipal } from '../middleware/staff-auth.ts';

export type EscalationSide = 'cdr' | 'school';

/** The side of the caller, or null when their role has none (the routes' role checks keep the
 * administrator out before this is asked). */
export function sideOf(staff: Pick<StaffPrincipal, 'role'>): EscalationSide | null {
  if (staff.role === 'cdr_specialist') return 'cdr';
  if (staff.role === 'counsellor') return 'school';
  return null;
}

export function isParty(
  staff: Pick<StaffPrincipal, 'role' | 'orgId'>,
  e: Pick<Escalation, 'cdr_org_id' | 'school_org_id'>,
): boolean {
  const side = sideOf(staff);
  if (staff.orgId === null || side === null) return false;
  return side === 'cdr' ? e.cdr_org_id === staff.orgId : e.school_org_id === staff.orgId;
}

/** The escalation, when the caller is one of its two parties; 404 otherwise. */
export async function partyEscalation(
  db: DbOrTrx,
  staff: Pick<StaffPrincipal, 'role' | 'orgId'>,
  id: string,
): Promise<Escalation & { side: EscalationSide }> {
  const e = await findEscalation(db, id.toLowerCase());
  const side = sideOf(staff);
  if (!e || side === null || !isParty(staff, e)) throw notFound('Escalation');
  return { ...e, side };
}

/** A closed escalation is a record: it can be read, never written again. */
export function assertOpen(e: Pick<Escalation, 'status'>): void {
  if (e.status === 'closed') throw new ApiError(409, 'conflict', 'The escalation is closed');
}

export function escalationItem(r: EscalationRow): EscalationItemDto {
  return {
    id: r.id,
    reportId: r.report_id,
    school: { id: r.school_org_id, name: r.school_name, code: r.school_code },
    cdrOrgId: r.cdr_org_id,
    status: r.status,
    urgent: r.urgent !== 0,
    createdAt: r.created_at,
    assigneeId: r.assignee_id,
    threadHandedOver: Number(r.handed_over) === 1,
    // Written only through CloseEscalationSchema's picklist.
    result: r.result as (typeof ESCALATION_RESULTS)[number] | null,
    niebieskaKartaDate: r.niebieska_karta_date,
    closedAt: r.closed_at,
  };
}
