// The JSON body limit over real HTTP (@hono/node-server, as the server runs): a declared length
// over the limit and a streamed (chunked) body over it are both refused with 413 in the one error
// shape; bodies within it reach the handler whole; a GET's body is never read.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { limitBody } from './body-limit.ts';

const LIMIT = 1024;
let server: ServerType;
let port = 0;

beforeAll(async () => {
  const app = new Hono()
    .use(limitBody(LIMIT))
    .post('/', async (c) => c.json({ got: (await c.req.text()).length }))
    .get('/', (c) => c.json({ got: 'nothing' }));
  app.onError((err) =>
    err instanceof ApiError
      ? Response.json({ error: { code: err.code } }, { status: err.status })
      : Response.json({ error: { code: 'internal' } }, { status: 500 }),
  );
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends `chunks` as a body, with a Content-Length when `declared`, else chunked. */
function send(method: string, chunks: string[], declared: boolean) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const length = chunks.reduce((n, c) => n + c.length, 0);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: '/',
        headers: declared ? { 'content-length': String(length) } : {},
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may answer a body over the limit before reading it all, and close.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
    });
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('the JSON body limit over HTTP', () => {
  it('refuses a declared length over the limit, and takes one within it whole', async () => {
    const over = await send('POST', ['x'.repeat(LIMIT + 1)], true);
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body)).toEqual({ error: { code: 'payload_too_large' } });
    const within = await send('POST', ['x'.repeat(LIMIT)], true);
    expect(within).toEqual({ status: 200, body: JSON.stringify({ got: LIMIT }) });
  });

  it('counts a streamed body as it comes and refuses it past the limit', async () => {
    const chunks = Array.from({ length: 8 }, () => 'y'.repeat(200));
    const over = await send('POST', chunks, false);
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body)).toEqual({ error: { code: 'payload_too_large' } });
    const within = await send('POST', chunks.slice(0, 5), false);
    expect(within).toEqual({ status: 200, body: JSON.stringify({ got: 1000 }) });
  });

  it('never reads the body of a GET', async () => {
    const got = await send('GET', ['z'.repeat(LIMIT * 4)], true);
    expect(got).toEqual({ status: 200, body: JSON.stringify({ got: 'nothing' }) });
  });
});
