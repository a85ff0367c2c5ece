// GET /api/pupil/config[?kiosk=<school code>]: what the deployment tells the pupil app, today only
// where quick exit goes [Note: quick exit destination]. Public and content-free: it names no
// pupil, and a kiosk's code is in its URL already.
import { Hono } from 'hono';
import {
  PupilConfigQuerySchema,
  type PupilConfigDto,
} from '../../../shared/protocol/pupil-config.ts';
import type { AppEnv } from '../../app-env.ts';
import { validate } from '../../middleware/validate.ts';
import { DEFAULT_QUICK_EXIT, quickExitFor } from '../../quick-exit.ts';

export const configRoutes = new Hono<AppEnv>().get(
  '/',
  validate('query', PupilConfigQuerySchema),
  (c) => {
    const config = c.var.deps.pupil.quickExit ?? DEFAULT_QUICK_EXIT;
    return c.json<PupilConfigDto>({
      quickExitUrl: quickExitFor(config, c.req.valid('query').kiosk),
    });
  },
);
