// Serves the built web app: the pupil entry at / (and at the kiosk URL /s/<school code>), the
// staff entry at /staff/. Hashed assets may be cached; the pages themselves never are, so a
// shared tablet's cache keeps nothing that a later visitor could open.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';

export function webRoutes(webDir: string): Hono<AppEnv> {
  const page = (file: string) => {
    const path = join(webDir, file);
    let html: string | undefined;
    return () => {
      html ??= existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      if (html === undefined) {
        throw new ApiError(503, 'internal', 'The web app is not built: run `npm run build`.');
      }
      return new Response(html, {
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    };
  };
  const pupil = page('index.html');
  const staff = page('staff/index.html');

  return (
    new Hono<AppEnv>()
      .get('/', pupil)
      .get('/s/:code', pupil)
      .get('/staff', (c) => c.redirect('/staff/', 301))
      .get('/staff/', staff)
      // Every screen of the staff app has an address [Note: staff addresses]: the same page for
      // each (files under /staff/, such as its service worker, have a dot and are served below).
      .get('/staff/*', async (c, next) => (/\.[A-Za-z0-9]+$/.test(c.req.path) ? next() : staff()))
      // Set on the answer serveStatic made: its onFound hook runs after the response exists, so a
      // header set there never reached the browser, and every visit downloaded every asset again.
      .use('/assets/*', async (c, next) => {
        await next();
        if (c.res.status === 200) {
          c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
        }
      })
      .use('/assets/*', serveStatic({ root: webDir }))
      .use('*', serveStatic({ root: webDir }))
  );
}
