// The baseline of the server figures: a bare Hono app on @hono/node-server, as the real server
// is served, with one handler that parses a small JSON body and sends it back. No middleware, no
// database, no logging: what a request costs this Node and this machine before the app does
// anything. Run as its own process by server-process.ts (`node --import tsx`, like the server).
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().post('/echo', async (c) => c.json(await c.req.json()));

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  console.log(`Listening on http://127.0.0.1:${info.port}/`);
});
process.on('SIGTERM', () => process.exit(0));
