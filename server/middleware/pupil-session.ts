// Bearer authentication of the pupil endpoints [Note: pupil sessions]. An unknown, expired or
// malformed token gets one answer, 401; a valid one slides its expiry and names the report.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { touchPupilSession } from '../db/repositories/pupil-sessions.ts';
import { ApiError } from '../errors.ts';
import { hashToken, sessionExpiry } from '../services/pupil-session.ts';

export interface PupilEnv {
  Variables: AppEnv['Variables'] & { session: { reportId: string; tokenHash: string } };
}

const TOKEN = /^Bearer ([A-Za-z0-9_-]{43})$/;

export const pupilSession: MiddlewareHandler<PupilEnv> = async (c, next) => {
  const match = TOKEN.exec(c.req.header('Authorization') ?? '');
  if (!match?.[1]) throw new ApiError(401, 'unauthorized', 'No valid pupil session');
  const { writer, clock } = c.var.deps;
  const now = clock();
  const tokenHash = hashToken(match[1]);
  // Sliding the expiry is a write: committed with the others of the moment [Note: group commit].
  const session = await writer.run((trx) =>
    touchPupilSession(trx, tokenHash, now.toISOString(), sessionExpiry(now)),
  );
  if (!session) throw new ApiError(401, 'unauthorized', 'No valid pupil session');
  c.set('session', { reportId: session.report_id, tokenHash });
  await next();
};
