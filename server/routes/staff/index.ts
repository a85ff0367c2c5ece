// The staff API under /api/staff (shared/protocol/staff.ts): sign-in and membership (auth/),
// the inbox and the case (cases/), escalations to the CdR (escalations/, whose create endpoint is
// report-scoped), alert settings (alerts/), the administrator's help directory (../help/),
// retention policy and organisation settings (admin/), statistics (stats/) and the audit log view
// (audit/).
// Every state-changing request passes the CSRF guard first [Note: staff sessions].
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { csrfGuard } from '../../middleware/staff-auth.ts';
import { staffAdminRoutes } from './admin/index.ts';
import { staffAlertRoutes } from './alerts/index.ts';
import { staffAuditRoutes } from './audit/index.ts';
import { staffAuthRoutes } from './auth/index.ts';
import { staffCaseRoutes } from './cases/index.ts';
import { escalationCreateRoutes, staffEscalationRoutes } from './escalations/index.ts';
import { staffStatsRoutes } from './stats/index.ts';
import { staffHelpRoutes } from '../help/admin.ts';

export function staffRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .use(csrfGuard)
    .route('/', staffAuthRoutes())
    .route('/reports', staffCaseRoutes())
    .route('/reports', escalationCreateRoutes)
    .route('/escalations', staffEscalationRoutes())
    .route('/help', staffHelpRoutes())
    .route('/me/alerts', staffAlertRoutes())
    .route('/admin', staffAdminRoutes())
    .route('/audit', staffAuditRoutes())
    .route('/', staffStatsRoutes());
}
