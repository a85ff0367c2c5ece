// The inbox and the case under /api/staff/reports (shared/protocol/staff.ts, "inbox and case").
// Every handler answers only for reports of the member's own school (services/staff-case.ts).
import { Hono } from 'hono';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { attachmentRoutes } from './attachments.ts';
import { caseRoutes } from './case.ts';
import { inboxRoutes } from './inbox.ts';
import { writeRoutes } from './writes.ts';

export function staffCaseRoutes(): Hono<StaffEnv> {
  return new Hono<StaffEnv>()
    .route('/', inboxRoutes)
    .route('/', caseRoutes)
    .route('/', writeRoutes)
    .route('/', attachmentRoutes);
}
