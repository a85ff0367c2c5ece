// The per-report rate limits of a pupil session's endpoints [Note: rate limits].
import type { MiddlewareHandler } from 'hono';
import {
  hitPerReport,
  type PupilRateLimits,
  type RatePurpose,
} from '../../middleware/rate-limit.ts';
import type { PupilEnv } from '../../middleware/pupil-session.ts';
import { isRefusal } from '../../errors.ts';

/** Counts the request against the session's report; place after pupilSession. */
export function limitPerReport(
  purpose: RatePurpose,
  limit: (limits: PupilRateLimits) => number,
): MiddlewareHandler<PupilEnv> {
  return async (c, next) => {
    const { writer, pupil, clock } = c.var.deps;
    // A refused request still counts [Note: rate limits]; committed with the others of the moment
    // [Note: group commit].
    await writer.run(
      (trx) => hitPerReport(trx, purpose, c.var.session.reportId, limit(pupil.limits), clock()),
      { keepWhen: isRefusal },
    );
    await next();
  };
}
