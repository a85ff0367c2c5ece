// Escalations to the CdR under /api/staff/escalations (shared/protocol/escalations.ts): the queue
// and the case, the CdR-school thread and the answers to the pupil, the CdR's records, and the
// handed-over attachments. The create endpoint is report-scoped (create.ts, under /reports).
import { Hono } from 'hono';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { attachmentRoutes } from './attachments.ts';
import { manageRoutes } from './manage.ts';
import { messageRoutes } from './messages.ts';
import { readRoutes } from './read.ts';

export { escalationCreateRoutes } from './create.ts';

export function staffEscalationRoutes(): Hono<StaffEnv> {
  return new Hono<StaffEnv>()
    .route('/', readRoutes)
    .route('/', messageRoutes)
    .route('/', manageRoutes)
    .route('/', attachmentRoutes);
}
