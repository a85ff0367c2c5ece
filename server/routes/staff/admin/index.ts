// The municipal administrator's settings under /api/staff/admin (role admin only).
import { Hono } from 'hono';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { retentionRoutes } from './retention.ts';

export function staffAdminRoutes(): Hono<StaffEnv> {
  return new Hono<StaffEnv>().route('/retention', retentionRoutes());
}
