// Property-based fuzzing of the pupil and staff HTTP APIs (SQLite only: PostgreSQL is covered by
// the other API tests). Every endpoint gets hostile requests: malformed JSON, JSON of the wrong
// types, huge and empty bodies, bytes that are not UTF-8, odd Content-Types, forged ids, forged
// credentials, and replayed proof of work; anonymously, and with a valid pupil session or a
// counsellor's session cookie + X-CSRF. Properties: never a 5xx, every error has the one error
// shape, and a refused request stores nothing. Reproduce with the fixed seed FUZZ_SEED below.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toB64 } from '../../shared/crypto/index.ts';
import { isErrorBody } from '../../shared/errors.ts';
import { JSON_BODY_LIMIT } from '../../server/middleware/body-limit.ts';
import type { Db } from '../../server/db/database.ts';
import { CSRF } from '../tools/staff-session.ts';
import { json } from '../tools/pupil-client.ts';
import { ADMIN, SP1_COUNSELLOR, staffFixture, type StaffFixture } from './staff-cases-fixture.ts';

const FUZZ_SEED = 20261123;
const ENDPOINT_RUNS = 9_800;
const REPLAY_RUNS = 200; // ENDPOINT_RUNS + REPLAY_RUNS = 10,000 cases a run

type Api = 'pupil' | 'staff';
interface Endpoint {
  api: Api;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
}

const pupil = (method: Endpoint['method'], path: string): Endpoint => ({
  api: 'pupil',
  method,
  path,
});
const staff = (method: Endpoint['method'], path: string): Endpoint => ({
  api: 'staff',
  method,
  path: `/api/staff${path}`,
});

const ENDPOINTS: Endpoint[] = [
  // Public reads the pupil app makes.
  pupil('GET', '/api/orgs'),
  pupil('GET', '/api/orgs/by-code/:code'),
  pupil('GET', '/api/orgs/:id'),
  pupil('GET', '/api/orgs/:id/certificates'),
  pupil('GET', '/api/help'),
  // The pupil API.
  pupil('POST', '/api/pupil/challenges'),
  pupil('POST', '/api/pupil/reports'),
  pupil('POST', '/api/pupil/receipts'),
  pupil('GET', '/api/pupil/thread'),
  pupil('POST', '/api/pupil/messages'),
  pupil('POST', '/api/pupil/attachments'),
  pupil('GET', '/api/pupil/attachments/:id'),
  pupil('DELETE', '/api/pupil/session'),
  // Staff: sign-in, members, invitations, keys.
  staff('POST', '/login/params'),
  staff('POST', '/login'),
  staff('POST', '/logout'),
  staff('GET', '/me'),
  staff('PUT', '/me/password'),
  staff('POST', '/recovery/params'),
  staff('POST', '/recovery'),
  staff('POST', '/invitations'),
  staff('POST', '/invitations/:id/open'),
  staff('POST', '/invitations/:id/accept'),
  staff('GET', '/members'),
  staff('POST', '/members/:id/grant'),
  staff('POST', '/members/:id/renew'),
  staff('POST', '/org-key/versions'),
  staff('GET', '/org-key/versions/pending'),
  staff('DELETE', '/org-key/versions/pending'),
  staff('GET', '/org-recovery'),
  staff('PUT', '/org-recovery'),
  staff('POST', '/org-recovery/open'),
  staff('POST', '/org-recovery/grant'),
  // Staff: cases.
  staff('GET', '/reports'),
  staff('GET', '/reports/colleagues'),
  staff('GET', '/reports/:id'),
  staff('PATCH', '/reports/:id'),
  staff('POST', '/reports/:id/messages'),
  staff('POST', '/reports/:id/staff-key'),
  staff('POST', '/reports/:id/notes'),
  staff('POST', '/reports/:id/attachments'),
  staff('GET', '/reports/:id/attachments/:aid'),
  staff('POST', '/reports/:id/escalations'),
  // Staff: escalations.
  staff('GET', '/escalations'),
  staff('GET', '/escalations/:id'),
  staff('PATCH', '/escalations/:id'),
  staff('POST', '/escalations/:id/messages'),
  staff('POST', '/escalations/:id/pupil-messages'),
  staff('POST', '/escalations/:id/outcomes'),
  staff('POST', '/escalations/:id/close'),
  staff('GET', '/escalations/:id/attachments/:aid'),
  // Staff: help directory, alerts, administration, audit, statistics.
  staff('POST', '/help'),
  staff('PUT', '/help/:id'),
  staff('DELETE', '/help/:id'),
  staff('GET', '/me/alerts'),
  staff('PUT', '/me/alerts'),
  staff('GET', '/me/alerts/push-key'),
  staff('POST', '/me/alerts/push-subscription'),
  staff('DELETE', '/me/alerts/push-subscription'),
  staff('GET', '/admin/retention'),
  staff('PUT', '/admin/retention'),
  staff('GET', '/admin/orgs'),
  staff('PUT', '/admin/orgs/:id'),
  staff('GET', '/admin/pending-keys'),
  staff('POST', '/admin/staff/:id/deactivate'),
  staff('DELETE', '/admin/pending-keys/:id'),
  staff('POST', '/admin/orgs/:id/invitations'),
  staff('POST', '/admin/staff/:id/renew'),
  staff('GET', '/audit'),
  staff('GET', '/stats'),
  staff('GET', '/stats.csv'),
];

/** Requests that end the caller's own session: sent with forged or no credentials only. */
const ENDS_SESSION = new Set(['DELETE /api/pupil/session', 'POST /api/staff/logout']);

// The tables a refused request must leave alone. pow_spent is in: the fuzzed requests never hold
// a valid proof-of-work answer, so nothing may be spent; the replay property reasons about it.
const TABLES = [
  'reports',
  'messages',
  'notes',
  'attachments',
  'escalations',
  'staff',
  'invitations',
  'org_key_grants',
  'org_recovery',
  'org_recovery_grants',
  'pupil_sessions',
  'pow_spent',
] as const;
type Counts = Record<(typeof TABLES)[number], number>;

async function rowCounts(db: Db): Promise<Counts> {
  const select = sql.join(
    TABLES.map((t) => sql`(select count(*) from ${sql.table(t)}) as ${sql.ref(t)}`),
  );
  const { rows } = await sql<Counts>`select ${select}`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('no counts');
  return Object.fromEntries(TABLES.map((t) => [t, Number(row[t])])) as Counts;
}

const FIELD_NAMES = [
  'orgId',
  'purpose',
  'pow',
  'challenge',
  'nonce',
  'reportId',
  'authKey',
  'body',
  'blob',
  'id',
  'seq',
  'signature',
  'status',
  'assigneeId',
  'login',
  'password',
  'role',
  'text',
  'urgent',
  'orgKeyVersion',
  'threadKeySealed',
  'threadKeyPupil',
  'endpoint',
  'keys',
  'days',
];

const CONTENT_TYPES = [
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/vnd.api+json',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=fuzz',
  'application/octet-stream',
  '',
  '*/*',
];

const safeStringify = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return String(value);
  }
};

const hugeBody = fc
  .record({
    size: fc.integer({ min: JSON_BODY_LIMIT + 1, max: JSON_BODY_LIMIT * 2 }),
    asJson: fc.boolean(),
  })
  .map(({ size, asJson }) =>
    asJson ? JSON.stringify({ body: 'A'.repeat(size) }) : '{'.repeat(size),
  );

const bodyArb: fc.Arbitrary<string | Uint8Array<ArrayBuffer> | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constantFrom('', '{}', '[]', 'null', '{"', '{"a":', '\u0000') },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(safeStringify) },
  { weight: 3, arbitrary: fc.anything({ maxDepth: 3 }).map(safeStringify) },
  {
    weight: 6,
    arbitrary: fc
      .dictionary(fc.constantFrom(...FIELD_NAMES), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 8,
      })
      .map(safeStringify),
  },
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array(b)) },
  { weight: 1, arbitrary: hugeBody },
);

let f: StaffFixture;
let counsellorCookie: string;
let pupilToken: string;
let realIds: string[];
let realCodes: string[];

beforeAll(async () => {
  f = await staffFixture('sqlite');
  const db = f.t.handle.db;
  counsellorCookie = (await f.member(SP1_COUNSELLOR)).cookie;
  const report = await f.submitted(f.client('SP1'));
  pupilToken = report.token;
  const admin = await f.member(ADMIN);
  const ids = async (table: 'escalations' | 'invitations' | 'attachments' | 'help_directory') =>
    (await db.selectFrom(table).select('id').limit(2).execute()).map((r) => String(r.id));
  realIds = [
    report.reportId,
    admin.id,
    ...f.orgs.map((o) => o.id),
    ...(await db.selectFrom('reports').select('id').limit(3).execute()).map((r) => r.id),
    ...(await db.selectFrom('staff').select('id').limit(3).execute()).map((r) => r.id),
    ...(await ids('escalations')),
    ...(await ids('invitations')),
    ...(await ids('attachments')),
    ...(await ids('help_directory')),
  ];
  realCodes = f.orgs.map((o) => o.code);
});

afterAll(async () => {
  await f.t.close();
});

const idArb = () =>
  fc.oneof(
    fc.uuid(),
    fc.constantFrom(...realIds),
    fc.constantFrom(...realIds).map((id) => id.toUpperCase()),
    fc.constantFrom(...realCodes),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
    fc.constantFrom(
      'null',
      '0',
      '-1',
      '..',
      '%00',
      '%ZZ',
      'a'.repeat(300),
      '00000000-0000-0000-0000-000000000000',
    ),
  );

type Caller = 'anonymous' | 'session' | 'forged' | 'no-csrf';

const requestArb = () =>
  fc.record({
    endpoint: fc.constantFrom(...ENDPOINTS),
    ids: fc.tuple(idArb(), idArb()),
    query: fc.option(
      fc.dictionary(
        fc.constantFrom('status', 'q', 'from', 'to', 'page', 'cursor', 'orgId', 'limit', 'x'),
        fc.string({ maxLength: 30 }),
        { maxKeys: 4 },
      ),
      { nil: undefined },
    ),
    body: bodyArb,
    contentType: fc.constantFrom(...CONTENT_TYPES),
    caller: fc.constantFrom<Caller>('anonymous', 'session', 'session', 'forged', 'no-csrf'),
    forged: fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'x')),
  });

type FuzzRequest = ReturnType<typeof requestArb> extends fc.Arbitrary<infer R> ? R : never;

function headersOf(r: FuzzRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  if (r.contentType !== undefined) headers['Content-Type'] = r.contentType;
  const { api, method, path } = r.endpoint;
  const caller =
    ENDS_SESSION.has(`${method} ${path}`) && r.caller !== 'forged' ? 'anonymous' : r.caller;
  if (api === 'pupil') {
    if (caller === 'session' || caller === 'no-csrf')
      headers['Authorization'] = `Bearer ${pupilToken}`;
    if (caller === 'forged') headers['Authorization'] = `Bearer ${r.forged}`;
  } else {
    if (caller === 'session') Object.assign(headers, { Cookie: counsellorCookie, ...CSRF });
    if (caller === 'no-csrf') headers['Cookie'] = counsellorCookie;
    if (caller === 'forged')
      Object.assign(headers, { Cookie: `__Host-staff=${r.forged}`, ...CSRF });
  }
  return headers;
}

function urlOf(r: FuzzRequest): string {
  let n = 0;
  const path = r.endpoint.path.replace(/:[a-z]+/g, () => r.ids[n++] ?? 'x');
  if (!r.query) return path;
  const qs = new URLSearchParams(r.query).toString();
  return qs ? `${path}?${qs}` : path;
}

/** Sends one request; checks the status, the error shape and the row counts around it. */
async function check(
  label: string,
  before: Counts,
  request: () => Response | Promise<Response>,
): Promise<{ res: Response; after: Counts }> {
  const logged = f.t.logs.length;
  const res = await request();
  const text = await res.text();
  f.t.flushLog();
  const errors = f.t.logs.slice(logged).filter((l) => l.level === 'error');
  expect(
    res.status,
    `${label} -> ${res.status} ${text.slice(0, 300)} ${JSON.stringify(errors)}`,
  ).toBeLessThan(500);
  if (res.status >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    expect(isErrorBody(body), `${label} -> ${res.status} ${text.slice(0, 300)}`).toBe(true);
  }
  const after = await rowCounts(f.t.handle.db);
  if (res.status >= 400)
    expect(after, `${label} -> ${res.status} stored something`).toEqual(before);
  return { res, after };
}

describe('API fuzzing (SQLite)', () => {
  it(`never answers 5xx, always the error shape, stores nothing when refused (seed ${FUZZ_SEED})`, async () => {
    let counts = await rowCounts(f.t.handle.db);
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(requestArb(), async (r) => {
        const { method } = r.endpoint;
        const url = urlOf(r);
        const init: RequestInit = { method, headers: headersOf(r) };
        if (method !== 'GET' && r.body !== undefined) init.body = r.body;
        const bodyKind =
          r.body === undefined
            ? 'none'
            : typeof r.body === 'string'
              ? `${r.body.length} chars`
              : `${r.body.length} bytes`;
        const { res, after } = await check(
          `${method} ${url} as ${r.caller} (${r.contentType ?? 'no type'}, body ${bodyKind})`,
          counts,
          () => f.t.app.request(url, init),
        );
        if (res.status >= 400) refused++;
        counts = after;
      }),
      { seed: FUZZ_SEED, numRuns: ENDPOINT_RUNS, endOnFailure: true },
    );
    // Most hostile requests are refused (reads with a valid session may answer 200).
    expect(refused).toBeGreaterThan(ENDPOINT_RUNS * 0.5);
  });

  it(`refuses a replayed proof of work, spending it once (seed ${FUZZ_SEED})`, async () => {
    const db = f.t.handle.db;
    const school = f.orgs.find((o) => o.code === 'SP1');
    if (!school) throw new Error('no SP1');
    const client = f.client('SP1');
    const composed = client.compose({ text: 'x' }).request;
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.constantFrom('application/json', 'application/json; charset=utf-8'),
        async (authKey, contentType) => {
          const pow = await client.pow('receipt');
          const body = { pow, orgId: school.id, authKey: toB64(authKey) };
          const init = json(body, { 'Content-Type': contentType });
          const start = await rowCounts(db);
          // First use: no such receipt (404), and the answer is spent by design, so a guesser
          // pays a fresh proof of work for every receipt code tried.
          const first = await f.t.app.request('/api/pupil/receipts', init);
          const firstText = await first.text();
          expect(first.status, firstText).toBe(404);
          expect(isErrorBody(JSON.parse(firstText))).toBe(true);
          const spent = await rowCounts(db);
          expect(spent).toEqual({ ...start, pow_spent: start.pow_spent + 1 });
          // Second use of the same answer: refused as a replay, and nothing more stored.
          const { res } = await check('replayed receipt pow', spent, () =>
            f.t.app.request('/api/pupil/receipts', json(body)),
          );
          expect(res.status).toBe(409);
          // The same answer for a report (another purpose): refused, nothing stored.
          await check('receipt pow reused for a report', spent, () =>
            f.t.app.request('/api/pupil/reports', json({ ...composed, pow })),
          );
        },
      ),
      { seed: FUZZ_SEED, numRuns: REPLAY_RUNS, endOnFailure: true },
    );
    // A report's own answer replayed with a fresh report: 409, nothing stored.
    const report = client.compose({ text: 'first' });
    const pow = await client.pow('report');
    const first = await f.t.app.request('/api/pupil/reports', json({ ...report.request, pow }));
    expect(first.status, await first.clone().text()).toBe(201);
    const again = client.compose({ text: 'second' });
    const { res } = await check('replayed report pow', await rowCounts(db), () =>
      f.t.app.request('/api/pupil/reports', json({ ...again.request, pow })),
    );
    expect(res.status).toBe(409);
  });
});
