// The pupil API under /api/pupil (shared/protocol/pupil.ts), one file per resource. The rate
// limiter belongs to one app, so each createApp starts with fresh counters.
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { RateLimiter } from '../../middleware/rate-limit.ts';
import { attachmentRoutes, UPLOAD_PATH } from './attachments.ts';
import { challengeRoutes } from './challenges.ts';
import { messageRoutes } from './messages.ts';
import { receiptRoutes } from './receipts.ts';
import { reportRoutes } from './reports.ts';
import { sessionRoutes } from './session.ts';
import { threadRoutes } from './thread.ts';

export function pupilRoutes(): Hono<AppEnv> {
  const limiter = new RateLimiter();
  return new Hono<AppEnv>()
    .route('/challenges', challengeRoutes)
    .route('/reports', reportRoutes(limiter))
    .route('/receipts', receiptRoutes(limiter))
    .route('/thread', threadRoutes(limiter))
    .route('/messages', messageRoutes(limiter))
    .route(UPLOAD_PATH, attachmentRoutes(limiter))
    .route('/session', sessionRoutes);
}
