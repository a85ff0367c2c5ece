import { Hono } from 'hono';
import type { HealthDto } from '../../shared/protocol/orgs.ts';
import type { AppEnv } from '../app-env.ts';
import { pingDatabase } from '../db/repositories/health.ts';
import { ApiError } from '../errors.ts';

export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db, dialect } = c.var.deps;
  if (!(await pingDatabase(db))) throw new ApiError(503, 'internal', 'Database unavailable');
  return c.json<HealthDto>({ status: 'ok', database: dialect });
});
