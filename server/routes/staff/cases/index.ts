import { Hono } from 'hono';
import type { AppEnv } from '../../../app-env.ts';

export function staffCaseRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
