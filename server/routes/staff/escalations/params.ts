// Path and query parameters of the escalation endpoints, and who may use them: the CdR's
// specialists and the schools' counsellors; the municipal administrator has no part in a case.
import * as v from 'valibot';
import { UuidSchema } from '../../../../shared/protocol/common.ts';
import {
  ESCALATION_STATUSES,
  type EscalationItemDto,
} from '../../../../shared/protocol/escalations.ts';
import { requireStaff } from '../../../middleware/staff-auth.ts';

export const EscalationParamsSchema = v.object({ id: UuidSchema });
export const EscalationAttachmentParamsSchema = v.object({ id: UuidSchema, aid: UuidSchema });
export const EscalationQuerySchema = v.object({
  status: v.optional(v.picklist(ESCALATION_STATUSES)),
});

/** Not (yet) in shared/protocol/escalations.ts: the answer of GET /api/staff/escalations. */
export interface EscalationListDto {
  items: EscalationItemDto[];
}

export const eitherParty = requireStaff({ roles: ['counsellor', 'cdr_specialist'] });
export const cdrOnly = requireStaff({ roles: ['cdr_specialist'] });
