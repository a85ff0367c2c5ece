// createApp wires middleware and routes over injected dependencies; it opens nothing itself, so
// tests build it over any database and clock.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ErrorBody } from '../shared/errors.ts';
import type { AppDeps, AppEnv } from './app-env.ts';
import { ApiError, codeForStatus } from './errors.ts';
import { requestLog } from './middleware/request-log.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { healthRoutes } from './routes/health.ts';
import { orgRoutes } from './routes/orgs.ts';
import { webRoutes } from './routes/web.ts';

export interface AppOptions extends AppDeps {
  /** Send HSTS (behind TLS). */
  secureTransport: boolean;
  /** Directory of the built web app; omitted in API-only tests. */
  webDir?: string;
}

/** JSON bodies are small: reports and messages are padded ciphertext of a few KiB. */
export const JSON_BODY_LIMIT = 256 * 1024;

function errorResponse(status: number, body: ErrorBody): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const { webDir, secureTransport, ...deps } = options;
  const app = new Hono<AppEnv>();

  app.use(requestLog(deps.log));
  app.use(securityHeaders({ hsts: secureTransport }));
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: JSON_BODY_LIMIT,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `Body over ${JSON_BODY_LIMIT} bytes`);
      },
    }),
  );

  app.route('/api/health', healthRoutes);
  app.route('/api/orgs', orgRoutes);
  app.all('/api/*', () => {
    throw new ApiError(404, 'not_found', 'No such endpoint');
  });
  if (webDir) app.route('/', webRoutes(webDir));

  app.notFound(() => errorResponse(404, { error: { code: 'not_found', message: 'Not found' } }));
  app.onError((err) => {
    if (err instanceof ApiError) {
      const error: ErrorBody['error'] = { code: err.code, message: err.message };
      if (err.issues) error.issues = err.issues;
      return errorResponse(err.status, { error });
    }
    if (err instanceof HTTPException && err.status < 500) {
      return errorResponse(err.status, {
        error: { code: codeForStatus(err.status), message: err.message || 'Bad request' },
      });
    }
    // Only the error's class and message: never the request, its body, headers or address.
    deps.log({ level: 'error', msg: 'unhandled error', error: `${err.name}: ${err.message}` });
    return errorResponse(500, { error: { code: 'internal', message: 'Internal error' } });
  });
  return app;
}
