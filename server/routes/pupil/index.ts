// The pupil API under /api/pupil (shared/protocol/pupil.ts), one file per resource. Admission and
// rate-limit counts live in the database [Note: admission], so every app over one database shares
// them.
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { attachmentRoutes, UPLOAD_PATH } from './attachments.ts';
import { challengeRoutes } from './challenges.ts';
import { configRoutes } from './config.ts';
import { messageRoutes } from './messages.ts';
import { receiptRoutes } from './receipts.ts';
import { reportRoutes } from './reports.ts';
import { sessionRoutes } from './session.ts';
import { threadRoutes } from './thread.ts';

export function pupilRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .route('/config', configRoutes)
    .route('/challenges', challengeRoutes)
    .route('/reports', reportRoutes())
    .route('/receipts', receiptRoutes())
    .route('/thread', threadRoutes())
    .route('/messages', messageRoutes())
    .route(UPLOAD_PATH, attachmentRoutes())
    .route('/session', sessionRoutes);
}
