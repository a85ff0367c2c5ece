// The per-report rate limits of a pupil session's endpoints [Note: rate limits].
import type { MiddlewareHandler } from 'hono';
import type { PupilRateLimits, RateLimiter, RatePurpose } from '../../middleware/rate-limit.ts';
import type { PupilEnv } from '../../middleware/pupil-session.ts';

/** Counts the request against the session's report; place after pupilSession. */
export function limitPerReport(
  limiter: RateLimiter,
  purpose: RatePurpose,
  limit: (limits: PupilRateLimits) => number,
): MiddlewareHandler<PupilEnv> {
  return async (c, next) => {
    const { pupil, clock } = c.var.deps;
    limiter.hit(purpose, c.var.session.reportId, limit(pupil.limits), clock());
    await next();
  };
}
