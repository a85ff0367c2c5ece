// [Note: privacy-safe logging] checked end to end: the real app listens on 127.0.0.1 and ::1 and
// logs through the server's own JSON logger, while a pupil's whole visit, a counsellor's, a run of
// refusals (400, 401, 403, 404, 409, 413, 429) and two 500s from a broken database go through it.
// Everything the process prints (stdout, stderr, console) is captured, and no line may hold a
// client address (IPv4, ::1, ::ffff:..., forwarded ones), the user agent, a query string, a path
// id, a body, a token, a cookie, a key or a receipt code. And no line places a pupil's request
// finer than the hour: only staff requests are written one by one; the rest are hourly counters,
// written by the hourly flush (called here as its timer would).
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jsonLogger, type LogLine } from '../../server/middleware/request-log.ts';
import { loginTiming } from '../../server/services/login-guard.ts';
import { pupilFixture, type PupilFixture } from './pupil-fixture.ts';
import {
  CANARY,
  counsellorVisit,
  FORWARDED,
  pupilVisit,
  refusals,
  sendTo,
} from './privacy-flow.ts';
import { DIALECTS } from './test-db.ts';

const LOG_KEYS = new Set([
  'time',
  'level',
  'msg',
  'method',
  'route',
  'status',
  'ms',
  'error',
  'hour',
  'count',
]);
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/;
const IPV6 = /::1\b|::ffff:|2001:db8|\[::/i;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Everything the process prints, from now until restore(). */
function captureOutput() {
  const printed: string[] = [];
  const write = (chunk: unknown) => {
    printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(write),
    vi.spyOn(process.stderr, 'write').mockImplementation(write),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        printed.push(`${args.map(String).join(' ')}\n`);
      }),
    ),
  ];
  return { text: () => printed.join(''), restore: () => spies.forEach((s) => s.mockRestore()) };
}

function listen(f: PupilFixture, hostname: string): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch: f.t.app.fetch, hostname, port: 0 }, () => resolve(server));
  });
}
const portOf = (s: ServerType) => (s.address() as { port: number }).port;

describe.each(DIALECTS)('what the server prints on %s', (dialect) => {
  let f: PupilFixture;
  let servers: ServerType[] = [];
  let printed = '';
  let requestsLogged = 0;
  const secrets: string[] = [];

  beforeAll(async () => {
    loginTiming.failureMs = 50;
    // The server's own logger, switched on for the flow only (the fixture's set-up makes requests).
    let printing = false;
    const log = (line: LogLine) => printing && jsonLogger(line);
    f = await pupilFixture(dialect, {
      log,
      limits: { receiptsPerBit: 1, threadReadsPerReceipt: 2 },
    });
    servers = await Promise.all([listen(f, '127.0.0.1'), listen(f, '::1')]);
    const [v4, v6] = servers.map((s) => portOf(s));
    const ipv4 = sendTo(`http://127.0.0.1:${v4}`);
    const ipv6 = sendTo(`http://[::1]:${v6}`);
    const sodium = f.client().sodium;
    const school = (code: string) => f.orgs.find((o) => o.code === code)!;

    const output = captureOutput();
    const logsBefore = f.t.logs.length;
    printing = true;
    try {
      const visit = await pupilVisit(sodium, ipv4, school('SP1'));
      secrets.push(...visit.secrets);
      secrets.push(
        ...(await counsellorVisit(sodium, ipv6, {
          demo: f.demo,
          login: 'pedagog.sp1@demo.invalid',
          now: f.t.now,
          reportId: visit.report.reportId,
          photoId: visit.photoId,
        })),
      );
      secrets.push(visit.report.reportId, visit.photoId, school('SP1').id);
      // Bad state: the tables behind two endpoints are gone, so they fail with a 500.
      const db = f.t.handle.db;
      await sql`alter table help_directory rename to help_directory_gone`.execute(db);
      await sql`alter table staff rename to staff_gone`.execute(db);
      expect((await ipv4(`/api/help?q=${CANARY.query}`)).status).toBe(500);
      const login = JSON.stringify({ login: `${CANARY.body}@demo.invalid` });
      const headers = { 'Content-Type': 'application/json', 'X-CSRF': '1' };
      const res = await ipv6('/api/staff/login/params', { method: 'POST', headers, body: login });
      expect(res.status).toBe(500);
      await sql`alter table staff_gone rename to staff`.execute(db);
      await sql`alter table help_directory_gone rename to help_directory`.execute(db);
      await refusals(sodium, ipv4, school('SP1'), school('SP2'));
      await refusals(sodium, ipv6, school('SP3'), school('SP4'));
      f.t.flushLog();
    } finally {
      printing = false;
      output.restore();
    }
    requestsLogged = f.t.logs
      .slice(logsBefore)
      .reduce(
        (n, l) => n + (l.msg === 'request' ? 1 : l.msg === 'requests' ? (l.count ?? 0) : 0),
        0,
      );
    printed = output.text();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    await f.t.close();
  });

  it('prints a JSON line per staff request and hourly counters for the rest, errors with class and message only', () => {
    const lines = printed.split('\n').filter((l) => l !== '');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const line of parsed)
      expect(Object.keys(line).filter((k) => !LOG_KEYS.has(k))).toEqual([]);
    const single = parsed.filter((l) => l['msg'] === 'request');
    const counted = parsed.filter((l) => l['msg'] === 'requests');
    const total = single.length + counted.reduce((n, l) => n + Number(l['count']), 0);
    expect(total).toBe(requestsLogged);
    const statuses = new Set([...single, ...counted].map((l) => l['status']));
    for (const s of [200, 201, 204, 400, 401, 403, 404, 409, 413, 429, 500])
      expect(statuses, `status ${s}`).toContain(s);
    const errors = parsed.filter((l) => l['level'] === 'error');
    expect(errors.map((e) => [e['msg'], e['route'] ?? null]).sort()).toEqual([
      ['unhandled error', null],
      ['unhandled errors', '/api/help'],
    ]);
    expect(counted.map((l) => l['route'])).toContain('/api/pupil/reports');
    expect(single.map((l) => l['route'])).toContain('/api/staff/reports/:id/messages');
  });

  it('places no pupil request finer than the hour', () => {
    const parsed = printed
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const hour = f.t.now.toISOString().slice(0, 13);
    let pupilLines = 0;
    for (const line of parsed) {
      const route = String(line['route'] ?? '');
      if (line['msg'] === 'request' || line['msg'] === 'unhandled error') {
        // Written the moment it happened: staff only.
        if (line['msg'] === 'request') expect(route).toMatch(/^\/api\/staff\//);
        continue;
      }
      if (route.startsWith('/api/pupil/')) pupilLines++;
      // A counter: its hour, no duration; its own time is the flush's, not a request's.
      expect(line['hour']).toBe(hour);
      expect(line['ms']).toBeUndefined();
      expect(Number(line['count'])).toBeGreaterThan(0);
    }
    expect(pupilLines).toBeGreaterThan(3);
  });

  it('holds no client address, user agent, query, path id, body, token, cookie or key', () => {
    expect(printed.length).toBeGreaterThan(1000);
    expect(printed).not.toMatch(IPV4);
    expect(printed).not.toMatch(IPV6);
    expect(printed).not.toMatch(UUID);
    const canaries = [...Object.values(CANARY), 'CanaryAgent', ...Object.values(FORWARDED)];
    for (const secret of [...canaries, ...secrets]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(printed, secret).not.toContain(secret);
    }
    expect(printed).not.toMatch(/cookie|authorization|bearer|user-agent/i);
  });
});
