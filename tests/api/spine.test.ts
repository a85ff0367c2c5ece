import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorBody } from '../../shared/errors.ts';
import {
  insertCertificate,
  insertOrganisation,
} from '../../server/db/repositories/organisations.ts';
import { CONTENT_SECURITY_POLICY } from '../../server/middleware/security-headers.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { DIALECTS } from './test-db.ts';

const SCHOOL_ID = '0b7f1f0e-3f5a-4c1e-9d7a-1a2b3c4d5e6f';

describe.each(DIALECTS)('API spine on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await insertOrganisation(t.handle.db, {
      id: SCHOOL_ID,
      kind: 'school',
      name: 'Szkoła Podstawowa nr 3',
      code: 'SP3',
      receipt_salt: 'AAAAAAAAAAAAAAAAAAAAAA',
      address: null,
      phone: null,
      hours: null,
      created_at: t.now.toISOString(),
    });
    for (const version of [1, 2]) {
      await insertCertificate(t.handle.db, {
        org_id: SCHOOL_ID,
        version,
        body: `body-v${version}`,
        signature: `sig-v${version}`,
        created_at: t.now.toISOString(),
      });
    }
  });
  afterAll(() => t.close());

  it('answers health with the dialect in use', async () => {
    const res = await t.app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('lists organisations with their current certificate only', async () => {
    const res = await t.app.request('/api/orgs');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { organisations: { id: string; certificate: unknown }[] };
    expect(body.organisations).toHaveLength(1);
    expect(body.organisations[0]).toMatchObject({
      id: SCHOOL_ID,
      code: 'SP3',
      certificate: { body: 'body-v2', signature: 'sig-v2' },
    });
  });

  it('finds a school by the code a pupil types, in any case and with spaces', async () => {
    const res = await t.app.request('/api/orgs/by-code/%20sp3%20');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(SCHOOL_ID);
  });

  it("tells the pupil app the school's waiting-time target, for 'usually answers within'", async () => {
    const res = await t.app.request('/api/orgs/by-code/SP3');
    expect(((await res.json()) as { waitTargetHours: number }).waitTargetHours).toBe(24);
  });

  it.each(['SP-3', 'sp%203', 'Sp_3.'])(
    'finds a school whose code %s is typed with dashes, spaces or dots',
    async (typed) => {
      const res = await t.app.request(`/api/orgs/by-code/${typed}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(SCHOOL_ID);
    },
  );

  it('returns every certificate version for rollback checks', async () => {
    const res = await t.app.request(`/api/orgs/${SCHOOL_ID}/certificates`);
    const body = (await res.json()) as { certificates: { body: string }[] };
    expect(body.certificates.map((c) => c.body)).toEqual(['body-v1', 'body-v2']);
  });

  it.each([
    ['/api/orgs/not-a-uuid', 400, 'validation_failed'],
    ['/api/orgs/by-code/%E2%9C%93', 400, 'validation_failed'],
    ['/api/orgs/by-code/NOPE', 404, 'not_found'],
    [`/api/orgs/${SCHOOL_ID.replace('0b', '1b')}`, 404, 'not_found'],
    ['/api/nothing-here', 404, 'not_found'],
  ])('GET %s answers %i %s in the one error shape', async (path, status, code) => {
    const res = await t.app.request(path);
    expect(res.status).toBe(status);
    const body: unknown = await res.json();
    expect(isErrorBody(body)).toBe(true);
    expect(body).toMatchObject({ error: { code } });
  });

  it('refuses a body over the limit with 413 before reading it', async () => {
    const res = await t.app.request('/api/orgs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: 'x'.repeat(300 * 1024),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('puts the security headers and a strict CSP on every response, errors included', async () => {
    for (const path of ['/api/health', '/api/orgs/not-a-uuid', '/nowhere']) {
      const res = await t.app.request(path);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY.replace("'wasm-unsafe-eval'", '')).not.toContain('unsafe');
  });

  it('logs the route pattern, status and hour, never the address, query or headers', async () => {
    t.flushLog();
    t.logs.length = 0;
    await t.app.request(`/api/orgs/${SCHOOL_ID}?token=secret-canary`, {
      headers: {
        'X-Forwarded-For': '203.0.113.7',
        'User-Agent': 'canary-agent',
        Cookie: 'sid=canary-cookie',
      },
    });
    // Not a staff route: counted for the hour, written when the hour's counters are.
    expect(t.logs).toEqual([]);
    t.flushLog();
    expect(t.logs).toEqual([
      {
        level: 'info',
        msg: 'requests',
        hour: t.now.toISOString().slice(0, 13),
        method: 'GET',
        route: '/api/orgs/:id',
        status: 200,
        count: 1,
      },
    ]);
    const text = JSON.stringify(t.logs);
    for (const canary of ['203.0.113.7', 'canary', SCHOOL_ID, 'token'])
      expect(text).not.toContain(canary);
  });
});
