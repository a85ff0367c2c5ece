// Every state-changing staff route, as the app itself lists them (app.routes), against Origin
// values a browser, a proxy or an attacker may send: `null`, text that is no URL, a URL without a
// host, a very long one, non-ASCII bytes. Each is refused with 403 in the one error shape and
// changes nothing; none is a 500. Without an Origin (a non-browser client) the request goes on to
// the route, which may refuse the empty body but never with a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
const originHost = (s: string): string | null => (URL.canParse(s) && new URL(s).host) || null;
import { staffHeaders } from '../tools/staff-session.ts';
import { DIALECTS } from './test-db.ts';
import { SP1_COUNSELLOR, staffFixture, type StaffFixture } from './staff-cases-fixture.ts';

const HOST = 'app.example';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS', 'ALL']);

const BAD_ORIGINS: Record<string, string> = {
  null: 'null',
  garbage: 'garbage',
  'scheme only': 'http://',
  'very long': `https://${'a'.repeat(16_000)}.example`,
  'unicode (UTF-8 bytes)': Buffer.from(`https://zażółć.${HOST}`).toString('latin1'),
  'unicode (Latin-1)': 'https://\u00e9v\u00efl.example',
  'file page': 'file:///home/x/attack.html',
  'another host': 'https://evil.example',
  'host as a path': `https://evil.example/${HOST}`,
};

/** The state-changing staff routes, logout last (it ends the session the others use). */
function stateChangingRoutes(f: StaffFixture): { method: string; path: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const r of f.t.app.routes) {
    if (!r.path.startsWith('/api/staff/') || SAFE.has(r.method)) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: r.method, path: r.path.replace(/:[a-zA-Z]+/g, crypto.randomUUID()) });
  }
  return out.sort(
    (a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')),
  );
}

async function snapshot(db: Db): Promise<string> {
  const tables = ['reports', 'messages', 'notes', 'staff', 'audit_log', 'settings'] as const;
  const out: Record<string, unknown> = {};
  for (const table of tables) {
    out[table] = (await db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r));
  }
  return JSON.stringify(out);
}

describe('originHost', () => {
  it('names the host of a URL and nothing for anything else', () => {
    expect(originHost('https://app.example')).toBe('app.example');
    expect(originHost('https://app.example:8443')).toBe('app.example:8443');
    for (const value of Object.values(BAD_ORIGINS).slice(0, 3)) {
      expect(originHost(value)).toBeNull();
    }
    expect(originHost('file:///x')).toBeNull();
  });
});

describe.each(DIALECTS)('staff Origin check on %s', (dialect) => {
  let f: StaffFixture;
  let cookie = '';

  beforeAll(async () => {
    f = await staffFixture(dialect);
    await f.submitted(f.client('SP1'));
    cookie = (await f.member(SP1_COUNSELLOR)).cookie;
  });
  afterAll(() => f.t.close());

  it('finds the routes to try', () => {
    const paths = stateChangingRoutes(f).map((r) => `${r.method} ${r.path.split('/')[3]}`);
    // Sign-in, cases, escalations, administration: the list is the app's own, not a copy.
    expect(paths).toContain('POST login');
    expect(paths).toContain('POST reports');
    expect(paths).toContain('POST escalations');
    expect(paths).toContain('PUT admin');
    expect(paths.length).toBeGreaterThan(30);
  });

  describe.each(Object.entries(BAD_ORIGINS))('Origin %s', (_name, origin) => {
    it('is refused with 403 on every state-changing route, changing nothing', async () => {
      const before = await snapshot(f.t.handle.db);
      for (const route of stateChangingRoutes(f)) {
        const res = await f.t.app.request(route.path, {
          method: route.method,
          headers: staffHeaders(cookie, {
            Origin: origin,
            Host: HOST,
            'Content-Type': 'application/json',
          }),
          body: '{}',
        });
        const label = `${route.method} ${route.path}`;
        expect(res.status, label).toBe(403);
        const body = (await res.json()) as { error: { code: string } };
        expect(body.error.code, label).toBe('forbidden');
      }
      expect(await snapshot(f.t.handle.db)).toBe(before);
    });
  });

  it('without an Origin reaches each route, which answers below 500', async () => {
    for (const route of stateChangingRoutes(f)) {
      const res = await f.t.app.request(route.path, {
        method: route.method,
        headers: staffHeaders(cookie, { Host: HOST, 'Content-Type': 'application/json' }),
        body: '{}',
      });
      const label = `${route.method} ${route.path}: ${await res.clone().text()}`;
      expect(res.status, label).toBeLessThan(500);
      // The guard let it through: a refusal, if any, is the route's own.
      if (res.status === 403) {
        const body = (await res.json()) as { error: { message: string } };
        expect(body.error.message, label).not.toBe('Missing or cross-site request header');
      }
    }
  });

  it('with the same origin passes the guard', async () => {
    const res = await f.t.app.request('/api/staff/login/params', {
      method: 'POST',
      headers: {
        'X-CSRF': '1',
        Origin: `https://${HOST}`,
        Host: HOST,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ login: SP1_COUNSELLOR }),
    });
    expect(res.status).toBe(200);
  });
});
