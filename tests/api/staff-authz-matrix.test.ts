// Who may call which staff case, escalation, help directory, alert, retention, organisation
// settings, statistics and audit log endpoint: every endpoint x
// {no session, counsellor of the report's school, counsellor of another school, invited counsellor
// of the school, CdR specialist, administrator}. Another school's report or escalation answers 404
// (as if it did not exist), a wrong role 403, no session 401; a refused request changes nothing in
// the database. The escalation endpoints run on an escalation of the report to the demo CdR.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chainHash,
  GENESIS_HASH,
  signItem,
  toB64,
  type ItemAd,
} from '../../shared/crypto/index.ts';
import type { Db } from '../../server/db/database.ts';
import { lastSeq } from '../../server/db/repositories/messages.ts';
import { CSRF } from '../tools/staff-session.ts';
import { DIALECTS } from './test-db.ts';
import {
  ADMIN,
  CDR_SPECIALIST,
  SP1_COUNSELLOR,
  SP2_COUNSELLOR,
  staffFixture,
  type StaffFixture,
} from './staff-cases-fixture.ts';

type Who = 'none' | 'other' | 'invited' | 'cdr' | 'admin' | 'own';
const WHO: Who[] = ['none', 'other', 'invited', 'cdr', 'admin', 'own'];

interface Endpoint {
  name: string;
  /** Expected status per caller; own runs last, so it may change state. */
  expect: Record<Who, number>;
  request(f: StaffFixture, cookie: string | null, who: Who): Promise<Response>;
}

const CASE = (own: number): Record<Who, number> => ({
  none: 401,
  other: 404,
  invited: 403,
  cdr: 403,
  admin: 403,
  own,
});
const LIST: Record<Who, number> = { ...CASE(200), other: 200 };
const ALERTS = (ok: number): Record<Who, number> => ({
  none: 401,
  other: ok,
  invited: 403,
  cdr: ok,
  admin: ok,
  own: ok,
});

/** Escalation endpoints both parties use (the school's counsellors and the CdR's specialists). */
const ESC_EITHER = (ok: number): Record<Who, number> => ({ ...CASE(ok), cdr: ok });
/** Escalation endpoints of the CdR only: a counsellor of any school has the wrong role. */
const ESC_CDR = (ok: number): Record<Who, number> => ({ ...CASE(403), other: 403, cdr: ok });
const ADMIN_ONLY = (ok: number): Record<Who, number> => ({
  none: 401,
  other: 403,
  invited: 403,
  cdr: 403,
  admin: ok,
  own: 403,
});

let reportId = '';
let attachmentId = '';
const escalationId = crypto.randomUUID();
let cdrOrgId = '';
let cdrSpecialistId = '';
const bytes = (n: number) => toB64(new Uint8Array(n).fill(1));

/** The callers' personal sign keys: the server checks every staff signature before storing
 * ([Note: server-checked signatures]), so the callers who may write sign what they write. */
const signKeys = {} as Partial<Record<Who, Uint8Array>>;
const AUTHOR_ROLE: Partial<Record<Who, 'counsellor' | 'cdr'>> = { cdr: 'cdr' };

function signed(f: StaffFixture, who: Who, blob: Uint8Array, ad: ItemAd): string {
  const key = signKeys[who] ?? signKeys.own;
  if (!key) throw new Error('no sign key');
  return toB64(signItem(f.client().sodium, key, blob, ad));
}

/** A signed item of `kind` with a stand-in blob. */
function item(f: StaffFixture, who: Who, kind: ItemAd['kind'], itemId: string, size = 100) {
  const blob = new Uint8Array(size).fill(1);
  const authorRole = AUTHOR_ROLE[who] ?? 'counsellor';
  return {
    blob: toB64(blob),
    signature: signed(f, who, blob, { reportId, kind, itemId, authorRole }),
  };
}

/** The next message of a thread, chained to the stored one before it and signed by `who`. */
async function nextMessage(f: StaffFixture, who: Who, thread: 'pupil' | 'cdr') {
  const db = f.t.handle.db;
  const seq = (await lastSeq(db, reportId, thread)) + 1;
  const prev = await db
    .selectFrom('messages')
    .select('blob')
    .where('report_id', '=', reportId)
    .where('thread', '=', thread)
    .where('seq', '=', seq - 1)
    .executeTakeFirst();
  const prevHash = prev ? chainHash(f.client().sodium, prev.blob) : GENESIS_HASH;
  const id = crypto.randomUUID();
  const blob = new Uint8Array(100).fill(1);
  const authorRole = AUTHOR_ROLE[who] ?? 'counsellor';
  const ad: ItemAd = { reportId, kind: 'message', itemId: id, authorRole, seq, prevHash };
  return { id, seq, blob: toB64(blob), signature: signed(f, who, blob, ad) };
}

async function call(
  f: StaffFixture,
  cookie: string | null,
  method: string,
  path: string,
  body?: unknown,
) {
  const headers: Record<string, string> = { ...CSRF };
  if (cookie) headers['Cookie'] = cookie;
  if (body instanceof FormData) return f.t.app.request(path, { method, headers, body });
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return f.t.app.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

function uploadForm() {
  const form = new FormData();
  form.set('id', crypto.randomUUID());
  form.set('fileKeyWrapped', bytes(73));
  form.set('meta', bytes(100));
  form.set('data', new Blob([new Uint8Array(300 * 1024).fill(2)]), 'data');
  return form;
}

const r = (suffix = '') => `/api/staff/reports/${reportId}${suffix}`;
const e = (suffix = '') => `/api/staff/escalations/${escalationId}${suffix}`;
const firstHelpId = async (f: StaffFixture) =>
  (
    await f.t.handle.db
      .selectFrom('help_directory')
      .select('id')
      .orderBy('position')
      .executeTakeFirstOrThrow()
  ).id;
const helpEntry = {
  name: 'Poradnia testowa',
  kind: 'partner',
  address: null,
  phone: null,
  hours: null,
  offer: { pl: 'pomoc', uk: 'допомога', en: 'help' },
  url: null,
};
/** Statistics and the audit log: any active member (each sees their own scope), not the invited. */
const MEMBERS: Record<Who, number> = { ...ALERTS(200) };
const sp1OrgId = (f: StaffFixture) => f.orgs.find((o) => o.code === 'SP1')?.id ?? '';

const ENDPOINTS: Endpoint[] = [
  { name: 'GET inbox', expect: LIST, request: (f, c) => call(f, c, 'GET', '/api/staff/reports') },
  {
    name: 'GET colleagues',
    expect: LIST,
    request: (f, c) => call(f, c, 'GET', '/api/staff/reports/colleagues'),
  },
  { name: 'GET case', expect: CASE(200), request: (f, c) => call(f, c, 'GET', r()) },
  {
    name: 'PATCH case',
    expect: CASE(200),
    request: (f, c) => call(f, c, 'PATCH', r(), { status: 'closed', flag: 'false_report' }),
  },
  {
    name: 'POST message',
    expect: CASE(201),
    request: async (f, c, who) =>
      call(f, c, 'POST', r('/messages'), await nextMessage(f, who, 'pupil')),
  },
  {
    name: 'POST staff-key',
    expect: CASE(204),
    request: (f, c) => call(f, c, 'POST', r('/staff-key'), { staffKeySealed: bytes(81) }),
  },
  {
    name: 'POST note',
    expect: CASE(201),
    request: (f, c, who) => {
      const id = crypto.randomUUID();
      return call(f, c, 'POST', r('/notes'), { id, ...item(f, who, 'note', id) });
    },
  },
  {
    name: 'POST attachment (300 KiB, above the JSON limit)',
    expect: CASE(201),
    request: (f, c) => call(f, c, 'POST', r('/attachments'), uploadForm()),
  },
  {
    name: 'GET attachment',
    expect: CASE(200),
    request: (f, c) => call(f, c, 'GET', r(`/attachments/${attachmentId}`)),
  },
  {
    name: 'POST escalation',
    expect: CASE(201),
    request: (f, c, who) => {
      const pkg = item(f, who, 'escalation', escalationId, 200);
      const reason = item(f, who, 'escalation-reason', escalationId);
      return call(f, c, 'POST', r('/escalations'), {
        id: escalationId,
        cdrOrgId,
        cdrKeyVersion: 1,
        schoolKeyVersion: 1,
        urgent: true,
        escKeySealedCdr: bytes(81),
        escKeySealedSchool: bytes(81),
        package: pkg.blob,
        packageSignature: pkg.signature,
        reason: reason.blob,
        reasonSignature: reason.signature,
        threadKeySealedCdr: bytes(81),
        attachmentIds: [attachmentId],
      });
    },
  },
  {
    name: 'GET escalations',
    expect: { ...ESC_EITHER(200), other: 200 },
    request: (f, c) => call(f, c, 'GET', '/api/staff/escalations'),
  },
  { name: 'GET escalation', expect: ESC_EITHER(200), request: (f, c) => call(f, c, 'GET', e()) },
  {
    name: 'POST escalation message',
    expect: ESC_EITHER(201),
    request: async (f, c, who) =>
      call(f, c, 'POST', e('/messages'), await nextMessage(f, who, 'cdr')),
  },
  {
    name: 'POST escalation pupil message',
    expect: ESC_CDR(201),
    request: async (f, c, who) =>
      call(f, c, 'POST', e('/pupil-messages'), await nextMessage(f, who, 'pupil')),
  },
  {
    name: 'PATCH escalation',
    expect: ESC_CDR(200),
    request: (f, c) =>
      call(f, c, 'PATCH', e(), { status: 'in_progress', assigneeId: cdrSpecialistId }),
  },
  {
    name: 'POST escalation outcome',
    expect: ESC_CDR(201),
    request: (f, c) =>
      call(f, c, 'POST', e('/outcomes'), {
        id: crypto.randomUUID(),
        service: 'family_therapy',
        note: null,
        signature: null,
      }),
  },
  {
    name: 'GET escalation attachment',
    expect: ESC_CDR(200),
    request: (f, c) => call(f, c, 'GET', e(`/attachments/${attachmentId}`)),
  },
  {
    name: 'POST escalation close',
    expect: ESC_CDR(200),
    request: (f, c) => call(f, c, 'POST', e('/close'), { result: 'support_provided' }),
  },
  {
    name: 'GET help (public)',
    expect: { none: 200, other: 200, invited: 200, cdr: 200, admin: 200, own: 200 },
    request: (f, c) => call(f, c, 'GET', '/api/help'),
  },
  {
    name: 'POST help',
    expect: ADMIN_ONLY(201),
    request: (f, c) => call(f, c, 'POST', '/api/staff/help', helpEntry),
  },
  {
    name: 'PUT help',
    expect: ADMIN_ONLY(200),
    request: async (f, c) =>
      call(f, c, 'PUT', `/api/staff/help/${await firstHelpId(f)}`, helpEntry),
  },
  {
    name: 'DELETE help',
    expect: ADMIN_ONLY(204),
    request: async (f, c) => call(f, c, 'DELETE', `/api/staff/help/${await firstHelpId(f)}`),
  },
  {
    name: 'GET alerts',
    expect: ALERTS(200),
    request: (f, c) => call(f, c, 'GET', '/api/staff/me/alerts'),
  },
  {
    name: 'PUT alerts',
    expect: ALERTS(200),
    request: (f, c) =>
      call(f, c, 'PUT', '/api/staff/me/alerts', {
        email: 'x@example.invalid',
        emailEnabled: true,
        pushEnabled: false,
        urgentOnly: true,
      }),
  },
  {
    name: 'GET push-key',
    expect: ALERTS(200),
    request: (f, c) => call(f, c, 'GET', '/api/staff/me/alerts/push-key'),
  },
  {
    name: 'POST push-subscription',
    expect: ALERTS(204),
    request: (f, c) =>
      call(f, c, 'POST', '/api/staff/me/alerts/push-subscription', {
        endpoint: `https://fcm.googleapis.com/fcm/send/${crypto.randomUUID()}`,
        keys: { p256dh: 'p', auth: 'a' },
      }),
  },
  {
    name: 'DELETE push-subscription',
    expect: ALERTS(204),
    request: (f, c) =>
      call(f, c, 'DELETE', '/api/staff/me/alerts/push-subscription', {
        endpoint: 'https://push.example.invalid/none',
      }),
  },
  {
    name: 'GET retention policy',
    expect: ADMIN_ONLY(200),
    request: (f, c) => call(f, c, 'GET', '/api/staff/admin/retention'),
  },
  {
    name: 'PUT retention policy',
    expect: ADMIN_ONLY(200),
    request: (f, c) =>
      call(f, c, 'PUT', '/api/staff/admin/retention', { closedMonths: 24, flaggedMonths: 6 }),
  },
  {
    name: 'GET organisation settings',
    expect: ADMIN_ONLY(200),
    request: (f, c) => call(f, c, 'GET', '/api/staff/admin/orgs'),
  },
  {
    name: 'PUT organisation settings',
    expect: ADMIN_ONLY(200),
    request: (f, c) =>
      call(f, c, 'PUT', `/api/staff/admin/orgs/${sp1OrgId(f)}`, {
        address: 'ul. Szkolna 1, 00-001 Przykładowo',
        phone: '+48 12 345 67 89',
        hours: 'pon.-pt. 8:00-15:00',
        waitTargetHours: 48,
      }),
  },
  {
    name: 'GET stats',
    expect: MEMBERS,
    request: (f, c) => call(f, c, 'GET', '/api/staff/stats?from=2026-01&to=2026-12'),
  },
  {
    name: 'GET stats.csv',
    expect: MEMBERS,
    request: (f, c) => call(f, c, 'GET', '/api/staff/stats.csv?from=2026-01&to=2026-12'),
  },
  {
    name: 'GET audit (own chain)',
    expect: MEMBERS,
    request: (f, c) => call(f, c, 'GET', '/api/staff/audit'),
  },
  {
    name: "GET audit of the report's school",
    expect: { none: 401, other: 403, invited: 403, cdr: 403, admin: 200, own: 200 },
    request: (f, c) => call(f, c, 'GET', `/api/staff/audit?org=${sp1OrgId(f)}`),
  },
];

/** Everything a staff request could change, except the sessions' last use. */
async function snapshot(db: Db): Promise<string> {
  const tables = [
    'reports',
    'messages',
    'notes',
    'attachments',
    'audit_log',
    'report_reads',
    'alert_settings',
    'push_subscriptions',
    'escalations',
    'escalation_outcomes',
    'help_directory',
    'settings',
    'organisations',
  ] as const;
  const out: Record<string, unknown> = {};
  for (const table of tables) {
    const rows = await db.selectFrom(table).selectAll().execute();
    out[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return JSON.stringify(out);
}

describe.each(DIALECTS)('staff authorization matrix on %s', (dialect) => {
  let f: StaffFixture;
  const cookies = {} as Record<Who, string | null>;

  beforeAll(async () => {
    f = await staffFixture(dialect);
    reportId = (await f.submitted(f.client('SP1'))).reportId;
    cookies.none = null;
    const own = await f.member(SP1_COUNSELLOR);
    cookies.own = own.cookie;
    signKeys.own = own.signSecretKey;
    const other = await f.member(SP2_COUNSELLOR);
    cookies.other = other.cookie;
    signKeys.other = other.signSecretKey;
    const cdr = await f.member(CDR_SPECIALIST);
    cookies.cdr = cdr.cookie;
    signKeys.cdr = cdr.signSecretKey;
    cdrOrgId = cdr.orgId ?? '';
    cdrSpecialistId = cdr.id;
    cookies.admin = (await f.member(ADMIN)).cookie;
    cookies.invited = (await f.addMember('SP1', { status: 'invited' })).cookie;
  });
  afterAll(() => f.t.close());

  describe.each(ENDPOINTS.map((e) => [e.name, e] as const))('%s', (_name, endpoint) => {
    it.each(WHO)('as %s', async (who) => {
      const before = await snapshot(f.t.handle.db);
      const res = await endpoint.request(f, cookies[who], who);
      expect(res.status, `${who}: ${await res.clone().text()}`).toBe(endpoint.expect[who]);
      if (res.status >= 400) expect(await snapshot(f.t.handle.db)).toBe(before);
      if (endpoint.name.startsWith('POST attachment') && who === 'own') {
        attachmentId = ((await res.json()) as { id: string }).id;
      }
      if (who === 'other' && res.status === 200) {
        // Another school's lists answer, but without this school's report or members.
        const text = await res.text();
        expect(text).not.toContain(reportId);
        expect(text).not.toContain('Pedagog SP 1');
        expect(text).not.toContain(escalationId);
      }
    });
  });
});
