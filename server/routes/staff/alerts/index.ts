import { Hono } from 'hono';
import type { AppEnv } from '../../../app-env.ts';

export function staffAlertRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
