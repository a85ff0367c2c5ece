// createApp wires middleware and routes over injected dependencies; it opens nothing itself, so
// tests build it over any database and clock.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ErrorBody } from '../shared/errors.ts';
import { DEFAULT_PUSH_HOSTS, type PushEndpointRules } from './alerts/push-endpoints.ts';
import type { AppDeps, AppEnv } from './app-env.ts';
import { createWriter, type Writer } from './db/group-commit.ts';
import { ApiError, codeForStatus, RateLimitError } from './errors.ts';
import { JSON_BODY_LIMIT, limitBody } from './middleware/body-limit.ts';
import { createRequestLog, type RequestLog } from './middleware/request-log.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { healthRoutes } from './routes/health.ts';
import { helpRoutes } from './routes/help/public.ts';
import { orgRoutes } from './routes/orgs.ts';
import { UPLOAD_PATH } from './routes/pupil/attachments.ts';
import { pupilRoutes } from './routes/pupil/index.ts';
import { STAFF_UPLOAD_PATH } from './routes/staff/cases/attachments.ts';
import { staffRoutes } from './routes/staff/index.ts';
import { webRoutes } from './routes/web.ts';
import { createUploads, type UploadSettings } from './services/attachment-upload.ts';
import { createInboxCache } from './services/inbox-cache.ts';

export interface AppOptions extends Omit<
  AppDeps,
  'uploads' | 'pushRules' | 'writer' | 'inboxCache'
> {
  /** The database's writer; one over `db` when left out [Note: group commit]. */
  writer?: Writer;
  /** Push endpoint rules; the known push services when left out. */
  pushRules?: PushEndpointRules;
  /** Directory of the built web app; omitted in API-only tests. */
  webDir?: string;
  /** The request log and its hourly counters [Note: privacy-safe logging]; made here if absent. */
  requestLog?: RequestLog;
  /** Inbox pages kept [Note: inbox generation]; INBOX_CACHE_PAGES when left out. */
  inboxCachePages?: number;
  /** Upload caps, budgets and staging directory; defaults for what is left out. */
  uploads?: Partial<UploadSettings>;
}

function errorResponse(status: number, body: ErrorBody, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
  });
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const { webDir, requestLog, uploads, pushRules, writer, inboxCachePages, ...rest } = options;
  const deps: AppDeps = {
    ...rest,
    writer: writer ?? createWriter(rest.db, rest.dialect),
    uploads: createUploads(uploads),
    pushRules: pushRules ?? { hosts: DEFAULT_PUSH_HOSTS },
    inboxCache: createInboxCache(inboxCachePages),
  };
  const { secureTransport } = deps;
  const app = new Hono<AppEnv>();

  app.use((requestLog ?? createRequestLog(deps.log, deps.clock)).middleware);
  app.use(securityHeaders({ hsts: secureTransport }));
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  const jsonLimit = limitBody(JSON_BODY_LIMIT);
  app.use('/api/*', (c, next) =>
    // The attachment uploads are read as streams with their own limits [Note: upload budgets].
    c.req.method === 'POST' &&
    (c.req.path === `/api/pupil${UPLOAD_PATH}` || STAFF_UPLOAD_PATH.test(c.req.path))
      ? next()
      : jsonLimit(c, next),
  );

  app.route('/api/health', healthRoutes);
  app.route('/api/orgs', orgRoutes);
  app.route('/api/help', helpRoutes);
  app.route('/api/pupil', pupilRoutes());
  app.route('/api/staff', staffRoutes());
  app.all('/api/*', () => {
    throw new ApiError(404, 'not_found', 'No such endpoint');
  });
  if (webDir) app.route('/', webRoutes(webDir));

  app.notFound(() => errorResponse(404, { error: { code: 'not_found', message: 'Not found' } }));
  app.onError((err) => {
    if (err instanceof ApiError) {
      const error: ErrorBody['error'] = { code: err.code, message: err.message };
      if (err.issues) error.issues = err.issues;
      const headers: Record<string, string> =
        err instanceof RateLimitError ? { 'Retry-After': String(err.retryAfter) } : {};
      return errorResponse(err.status, { error }, headers);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return errorResponse(err.status, {
        error: { code: codeForStatus(err.status), message: err.message || 'Bad request' },
      });
    }
    // The request log writes the error's class and message [Note: privacy-safe logging].
    return errorResponse(500, { error: { code: 'internal', message: 'Internal error' } });
  });
  return app;
}
