// Path parameters of the case endpoints, and who may use them: in this issue only a school's
// counsellors (CdR specialists and administrators come with escalations).
import * as v from 'valibot';
import { UuidSchema } from '../../../../shared/protocol/common.ts';
import { requireStaff } from '../../../middleware/staff-auth.ts';

export const ReportParamsSchema = v.object({ id: UuidSchema });
export const AttachmentParamsSchema = v.object({ id: UuidSchema, aid: UuidSchema });

export const counsellorOnly = requireStaff({ roles: ['counsellor'] });
