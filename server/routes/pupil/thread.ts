// GET /api/pupil/thread: the session's report as the pupil sees it.
import { Hono } from 'hono';
import type { PupilThreadDto } from '../../../shared/protocol/pupil.ts';
import { findReport } from '../../db/repositories/reports.ts';
import { notFound } from '../../errors.ts';
import { pupilSession, type PupilEnv } from '../../middleware/pupil-session.ts';
import { pupilThread } from '../../services/pupil-thread.ts';
import { limitPerReport } from './rate.ts';

export function threadRoutes() {
  return new Hono<PupilEnv>().get(
    '/',
    pupilSession,
    limitPerReport('read', (l) => l.threadReadsPerReceipt),
    async (c) => {
      const { db } = c.var.deps;
      const report = await findReport(db, c.var.session.reportId);
      if (!report) throw notFound('Report');
      return c.json<PupilThreadDto>(await pupilThread(db, report));
    },
  );
}
