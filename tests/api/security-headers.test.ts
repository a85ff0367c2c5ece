// Every response carries the security headers (server/middleware/security-headers.ts): the walk
// takes Hono's own route table (app.routes), so a route added later is walked too, and requests
// each one anonymously, as a pupil, as a counsellor and as the administrator; then the pages,
// static files, 404s, wrong methods, validation errors, a body over the limit and malformed JSON.
// HSTS is sent when SECURE_TRANSPORT=1 and never otherwise.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { AppEnv } from '../../server/app-env.ts';
import { createApp } from '../../server/app.ts';
import { DEFAULT_RATE_LIMITS } from '../../server/middleware/rate-limit.ts';
import { CONTENT_SECURITY_POLICY } from '../../server/middleware/security-headers.ts';
import { captureAlerts } from '../tools/alert-capture.ts';
import { bearer } from '../tools/pupil-client.ts';
import { staffCookie } from '../tools/staff-session.ts';
import { TEST_POW_BITS, TEST_POW_SECRET } from './app-harness.ts';
import { ADMIN, SP1_COUNSELLOR, staffFixture, type StaffFixture } from './staff-cases-fixture.ts';
import { DIALECTS } from './test-db.ts';

const HSTS = 'max-age=31536000; includeSubDomains';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A built web app in miniature: the files the web routes serve. */
function fakeWebDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-headers-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'staff'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>pupil</title>');
  writeFileSync(join(dir, 'staff', 'index.html'), '<!doctype html><title>staff</title>');
  writeFileSync(join(dir, 'staff', 'sw.js'), 'self.addEventListener("push", () => {});');
  writeFileSync(join(dir, 'assets', 'pupil-abc123.js'), 'console.log(1);');
  writeFileSync(join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'manifest.webmanifest'), '{}');
  return dir;
}

interface Walked {
  what: string;
  path: string;
  res: Response;
}

function headerProblems({ what, path, res }: Walked, hsts: boolean): string[] {
  const h = res.headers;
  const want: Record<string, string | null> = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'strict-transport-security': hsts ? HSTS : null,
    'cache-control': 'no-store',
  };
  // Hashed assets are cached for good (their names change with their content); pages, API
  // answers and every other file never.
  const asset = path.startsWith('/assets/') && res.status === 200;
  if (asset) want['cache-control'] = IMMUTABLE;
  const problems = Object.entries(want)
    .filter(([name, value]) => h.get(name) !== value)
    .map(([name, value]) => `${what} (${res.status}): ${name} is ${h.get(name)}, not ${value}`);
  if (!/camera=\(\)/.test(h.get('permissions-policy') ?? ''))
    problems.push(`${what}: permissions-policy ${h.get('permissions-policy')}`);
  return problems;
}

describe.each(DIALECTS)('security headers on %s', (dialect) => {
  let f: StaffFixture;
  const webDir = fakeWebDir();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    f = await staffFixture(dialect, { webDir });
    const pupil = f.client('SP1');
    const report = await f.submitted(pupil);
    const photo = pupil.composeAttachment(report, new Uint8Array([1, 2, 3]));
    expect((await pupil.upload(report.token, photo)).status).toBe(201);
    Object.assign(ids, {
      report: report.reportId,
      attachment: photo.id,
      school: report.request.orgId,
      token: report.token,
    });
  });
  afterAll(() => f.t.close());

  /** Concrete values for a route pattern's parameters: real ones where they exist. */
  const concrete = (path: string) =>
    path
      .replace(/^\/api\/orgs\/:id/, `/api/orgs/${ids['school']}`)
      .replace(/^\/api\/pupil\/attachments\/:id/, `/api/pupil/attachments/${ids['attachment']}`)
      .replace(/^\/api\/staff\/reports\/:id/, `/api/staff/reports/${ids['report']}`)
      .replace(':aid', ids['attachment'] ?? '')
      .replace(':code', 'SP1')
      .replace(/:id\b/g, crypto.randomUUID())
      .replace(/\*$/, 'x');

  const identities = async (): Promise<[string, Record<string, string>][]> => {
    const cookie = async (login: string) => {
      const staff = await f.t.handle.db
        .selectFrom('staff')
        .select('id')
        .where('login', '=', login)
        .executeTakeFirstOrThrow();
      return { Cookie: await staffCookie(f.t.handle.db, staff.id, f.t.now), 'X-CSRF': '1' };
    };
    return [
      ['anonymous', {}],
      ['pupil', bearer(ids['token'] ?? '')],
      ['counsellor', await cookie(SP1_COUNSELLOR)],
      ['administrator', await cookie(ADMIN)],
    ];
  };

  const request = async (
    app: Hono<AppEnv>,
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ) => {
    const init: RequestInit = {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
    };
    if (body !== undefined) init.body = body;
    else if (method !== 'GET' && method !== 'HEAD') init.body = '{}';
    return app.request(path, init);
  };

  it('are on the answer of every route in app.routes, for every kind of caller', async () => {
    const routes = f.t.app.routes.filter((r) => r.method !== 'ALL');
    // The table has the whole API and the pages: a smoke check that the walk is not empty.
    expect(routes.length).toBeGreaterThan(60);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    const walked: Walked[] = [];
    for (const [who, headers] of await identities()) {
      // Ending a session last, so the other requests still carry a live one.
      const ordered = [...routes].sort(
        (a, b) => Number(/logout|session$/.test(a.path)) - Number(/logout|session$/.test(b.path)),
      );
      for (const r of ordered) {
        const path = concrete(r.path);
        walked.push({
          what: `${who} ${r.method} ${path}`,
          path,
          res: await request(f.t.app, r.method, path, headers),
        });
      }
    }
    const statuses = new Set(walked.map((w) => w.res.status));
    for (const s of [200, 204, 301, 400, 401, 403, 404])
      expect(statuses, `a ${s} answer`).toContain(s);
    expect(walked.flatMap((w) => headerProblems(w, true))).toEqual([]);
  });

  it('are on pages, static files, 404s, wrong methods, bad input and oversized bodies', async () => {
    const cases: [string, string, string?][] = [
      ['GET', '/'],
      ['GET', '/s/SP3'],
      ['GET', '/staff'],
      ['GET', '/staff/'],
      ['GET', '/staff/sw.js'],
      ['GET', '/assets/pupil-abc123.js'],
      ['GET', '/assets/missing-000.js'],
      ['GET', '/assets/..%2f..%2fetc%2fpasswd'],
      ['GET', '/icon.svg'],
      ['GET', '/manifest.webmanifest'],
      ['HEAD', '/'],
      ['GET', '/nowhere'],
      ['GET', '/api/nowhere'],
      ['PUT', '/api/health'],
      ['DELETE', '/api/orgs'],
      ['POST', '/'],
      ['PATCH', '/staff/'],
      ['OPTIONS', '/api/pupil/reports'],
      ['GET', '/api/orgs/not-a-uuid'],
      ['POST', '/api/pupil/challenges', '{"orgId": 1}'],
      ['POST', '/api/pupil/reports', '{"broken": '],
      ['POST', '/api/pupil/challenges', `{"pad": "${'x'.repeat(300 * 1024)}"}`],
    ];
    const walked: Walked[] = [];
    for (const [method, path, body] of cases)
      walked.push({
        what: `${method} ${path}`,
        path,
        res: await request(f.t.app, method, path, {}, body),
      });
    const statuses = new Set(walked.map((w) => w.res.status));
    for (const s of [200, 301, 400, 404, 413]) expect(statuses, `a ${s} answer`).toContain(s);
    expect(walked.flatMap((w) => headerProblems(w, true))).toEqual([]);
  });

  it('leave out HSTS when SECURE_TRANSPORT=0, and only that', async () => {
    const plain = createApp({
      db: f.t.handle.db,
      dialect,
      clock: () => f.t.now,
      log: () => undefined,
      alerts: captureAlerts(),
      pupil: { powBits: TEST_POW_BITS, powSecret: TEST_POW_SECRET, limits: DEFAULT_RATE_LIMITS },
      secureTransport: false,
      webDir,
    });
    const walked: Walked[] = [];
    for (const r of plain.routes.filter((x) => x.method !== 'ALL')) {
      const path = concrete(r.path);
      walked.push({ what: `${r.method} ${path}`, path, res: await request(plain, r.method, path) });
    }
    expect(walked.flatMap((w) => headerProblems(w, false))).toEqual([]);
  });
});
