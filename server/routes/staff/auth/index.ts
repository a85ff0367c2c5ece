// Sign-in and membership under /api/staff (shared/protocol/staff.ts, "sign-in" and "invitations
// and membership"). Each route carries its own guard: this app is mounted at '/', so a use() here
// would run for every staff path. `failureMs` overrides the uniform failure time of sign-in
// ([Note: uniform sign-in failure]); by default loginTiming.failureMs, which tests may lower.
import { Hono } from 'hono';
import type { AppEnv } from '../../../app-env.ts';
import { invitationRoutes } from './invitations.ts';
import { acceptRoute } from './invitation-accept.ts';
import { loginRoutes } from './login.ts';
import { meRoutes } from './me.ts';
import { renewalRoutes } from './member-renewal.ts';
import { memberRoutes } from './members.ts';
import { keyRotationRoutes } from './org-key-rotation.ts';
import { orgFoundingRoutes } from './org-founding.ts';
import { orgRecoveryRoutes } from './org-recovery.ts';
import { recoveryRoutes } from './recovery.ts';

export function staffAuthRoutes(options: { failureMs?: number } = {}): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .route('/', loginRoutes(options.failureMs))
    .route('/', meRoutes(options.failureMs))
    .route('/', recoveryRoutes(options.failureMs))
    .route('/', invitationRoutes())
    .route('/', acceptRoute())
    .route('/', memberRoutes())
    .route('/', renewalRoutes())
    .route('/', keyRotationRoutes())
    .route('/', orgRecoveryRoutes())
    .route('/', orgFoundingRoutes());
}
