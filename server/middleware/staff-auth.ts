// Every staff endpoint runs behind these: a live session cookie ([Note: staff sessions]) naming an
// active member, of an allowed role; state-changing requests also need the CSRF header and a
// same-origin Origin. Handlers read the member from c.var.staff and must still check that what
// they touch belongs to c.var.staff.orgId.
import type { MiddlewareHandler } from 'hono';
import type { StaffRole } from '../../shared/protocol/staff.ts';
import type { AppEnv } from '../app-env.ts';
import { touchStaffSession } from '../db/repositories/staff-sessions.ts';
import { ApiError } from '../errors.ts';
import {
  hashStaffToken,
  sessionToken,
  STAFF_IDLE_MS,
  STAFF_TOUCH_MS,
} from '../services/staff-session.ts';

export interface StaffPrincipal {
  id: string;
  orgId: string | null;
  role: StaffRole;
  status: 'invited' | 'active';
  tokenHash: string;
}

export interface StaffEnv {
  Variables: AppEnv['Variables'] & { staff: StaffPrincipal };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** CSRF: SameSite=Strict cookies already stay home; the custom header and Origin check make sure. */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header('Origin');
    const host = c.req.header('Host');
    const sameOrigin =
      origin === undefined || (host !== undefined && new URL(origin).host === host);
    if (c.req.header('X-CSRF') !== '1' || !sameOrigin) {
      throw new ApiError(403, 'forbidden', 'Missing or cross-site request header');
    }
  }
  await next();
};

export function requireStaff(
  options: { roles?: readonly StaffRole[]; allowInvited?: boolean } = {},
): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const { db, clock, secureTransport } = c.var.deps;
    const token = sessionToken(c, secureTransport);
    if (!token) throw new ApiError(401, 'unauthorized', 'Not signed in');
    const now = clock();
    const tokenHash = hashStaffToken(token);
    const found = await touchStaffSession(
      db,
      tokenHash,
      now.toISOString(),
      new Date(now.getTime() - STAFF_IDLE_MS).toISOString(),
      new Date(now.getTime() - STAFF_TOUCH_MS).toISOString(),
    );
    if (!found || found.staff.status === 'deactivated') {
      throw new ApiError(401, 'unauthorized', 'Not signed in');
    }
    const { staff } = found;
    const status = staff.status === 'invited' ? 'invited' : 'active';
    if (status === 'invited' && !options.allowInvited) {
      throw new ApiError(403, 'forbidden', 'Waiting for a colleague to grant the organisation key');
    }
    if (options.roles && !options.roles.includes(staff.role)) {
      throw new ApiError(403, 'forbidden', 'Not allowed for this role');
    }
    c.set('staff', {
      id: staff.id,
      orgId: staff.org_id,
      role: staff.role,
      status,
      tokenHash,
    });
    await next();
  };
}
