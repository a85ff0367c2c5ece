// GET /api/help: the public help directory (the CdR, its partners, helplines) in the
// administrator's order, for the pupil app's "where else to find help" page. No session: it holds
// nothing about anyone. Not cached (Cache-Control: no-store, as every API answer) so an edit shows
// at once.
import { Hono } from 'hono';
import type { HelpEntryDto } from '../../../shared/protocol/escalations.ts';
import type { AppEnv } from '../../app-env.ts';
import { listHelpEntries } from '../../db/repositories/help-directory.ts';
import { helpEntryDto } from './dto.ts';

export const helpRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const entries = await listHelpEntries(c.var.deps.db);
  return c.json<HelpEntryDto[]>(entries.map(helpEntryDto));
});
