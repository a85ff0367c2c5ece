// Every staff endpoint runs behind these: a live session cookie ([Note: staff sessions]) naming an
// active member, of an allowed role; state-changing requests also need the CSRF header and a
// same-origin Origin. Handlers read the member from c.var.staff and must still check that what
// they touch belongs to c.var.staff.orgId.
import type { MiddlewareHandler } from 'hono';
import type { StaffRole } from '../../shared/protocol/staff.ts';
import type { AppEnv } from '../app-env.ts';
import { touchStaffSession } from '../db/repositories/staff-sessions.ts';
import { ApiError } from '../errors.ts';
import { DEFAULT_WAIT_TARGET_HOURS } from '../services/staff-case.ts';
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
  /** The school's wait target in hours (24 when it has none, or no school), read with the session. */
  waitTargetHours: number;
  /** The school's [Note: inbox generation] at this request; null without an organisation. */
  inboxGeneration: number | null;
}

export interface StaffEnv {
  Variables: AppEnv['Variables'] & { staff: StaffPrincipal };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The host named by an Origin header, or null when it names none: `null` (sandboxed frames,
 * redirects, file: pages), text that is no URL, or a URL without a host. Never throws: a header is
 * whatever a client sends.
 */
export function originHost(origin: string): string | null {
  if (!URL.canParse(origin)) return null;
  const { host } = new URL(origin);
  return host === '' ? null : host;
}

/**
 * CSRF: SameSite=Strict cookies already stay home; the custom header and Origin check make sure.
 * Every state-changing staff request (sign-in included) needs `X-CSRF: 1`, and an Origin, when
 * sent, whose host is the request's Host; anything else, an unparsable Origin too, is a 403.
 */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header('Origin');
    const host = c.req.header('Host');
    const sameOrigin =
      origin === undefined || (host !== undefined && originHost(origin) === host.toLowerCase());
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
      waitTargetHours: found.waitTargetHours ?? DEFAULT_WAIT_TARGET_HOURS,
      inboxGeneration: found.inboxGeneration,
    });
    await next();
  };
}
