// The per-report rate limits of a pupil session's endpoints [Note: rate limits].
import type { MiddlewareHandler } from 'hono';
import {
  hitPerReport,
  type PupilRateLimits,
  type RatePurpose,
} from '../../middleware/rate-limit.ts';
import type { PupilEnv } from '../../middleware/pupil-session.ts';

/** Counts the request against the session's report; place after pupilSession. */
export function limitPerReport(
  purpose: RatePurpose,
  limit: (limits: PupilRateLimits) => number,
): MiddlewareHandler<PupilEnv> {
  return async (c, next) => {
    const { db, pupil, clock } = c.var.deps;
    await hitPerReport(db, purpose, c.var.session.reportId, limit(pupil.limits), clock());
    await next();
  };
}
