// DELETE /api/pupil/session: the quick exit ends the session at once, not after the idle time.
import { Hono } from 'hono';
import { deletePupilSession } from '../../db/repositories/pupil-sessions.ts';
import { pupilSession, type PupilEnv } from '../../middleware/pupil-session.ts';

export const sessionRoutes = new Hono<PupilEnv>().delete('/', pupilSession, async (c) => {
  await deletePupilSession(c.var.deps.db, c.var.session.tokenHash);
  return c.body(null, 204);
});
