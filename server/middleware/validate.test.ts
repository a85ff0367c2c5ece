import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { validate } from './validate.ts';

const app = new Hono()
  .post('/', validate('json', v.object({ n: v.pipe(v.number(), v.integer()) })), (c) =>
    c.json({ got: c.req.valid('json').n }),
  )
  .onError((err, c) => {
    if (err instanceof ApiError) return c.json({ code: err.code, issues: err.issues }, err.status);
    if (err instanceof HTTPException)
      return c.json({ code: 'http', message: err.message }, err.status);
    return c.json({ code: 'internal' }, 500);
  });

const post = (body: string, type = 'application/json') =>
  app.request('/', { method: 'POST', body, headers: { 'Content-Type': type } });

describe('validate', () => {
  it('passes valid input to the handler', async () => {
    const res = await post('{"n": 3}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: 3 });
  });

  it('answers 400 validation_failed with the field path', async () => {
    const res = await post('{"n": "3"}');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'validation_failed', issues: [{ path: 'n' }] });
  });

  it('answers 400 for malformed JSON and for a body that is not JSON', async () => {
    expect((await post('{"n": ')).status).toBe(400);
    expect((await post('n=3', 'application/x-www-form-urlencoded')).status).toBe(400);
  });
});
