// The municipal administrator's settings under /api/staff/admin (role admin only), and the key
// rotation's side of it (key-rotation.ts: deactivating a member is open to their colleagues too).
import { Hono } from 'hono';
import type { StaffEnv } from '../../../middleware/staff-auth.ts';
import { orgSettingsRoutes } from './orgs.ts';
import { keyRotationAdminRoutes } from './key-rotation.ts';
import { retentionRoutes } from './retention.ts';
import { adminStaffRoutes } from './staff.ts';

export function staffAdminRoutes(): Hono<StaffEnv> {
  return new Hono<StaffEnv>()
    .route('/retention', retentionRoutes())
    .route('/orgs', orgSettingsRoutes())
    .route('/', keyRotationAdminRoutes())
    .route('/', adminStaffRoutes());
}
