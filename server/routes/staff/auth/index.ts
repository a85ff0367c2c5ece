import { Hono } from 'hono';
import type { AppEnv } from '../../../app-env.ts';

export function staffAuthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
