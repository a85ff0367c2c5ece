// [Note: server-checked signatures] Every signed staff write route refuses an item whose signature
// a reader's browser would refuse: 64 zero bytes, random bytes, a colleague's signature, the
// author's signature over another item, one flipped bit (400 naming the field), and an author
// whose organisation endorsement does not verify (403). A refusal stores nothing; a properly
// signed item is accepted; and after every refused write the pupil's thread still opens, chain,
// endorsements and signatures checked, as the pupil's device does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chainHash,
  encryptItem,
  fromB64,
  GENESIS_HASH,
  newKey,
  openThread,
  openThreadKey,
  sealKey,
  signItem,
  toB64,
  type ItemAd,
} from '../../shared/crypto/index.ts';
import type { PupilThreadDto } from '../../shared/protocol/pupil.ts';
import type { Db } from '../../server/db/database.ts';
import { lastSeq } from '../../server/db/repositories/messages.ts';
import type { MessageThread } from '../../server/db/tables/reports.ts';
import {
  composeEscalation,
  orgBoxKey,
  orgSignKey,
  outcomeAd,
  packageAd,
  reasonAd,
} from '../tools/escalation-client.ts';
import { orgOf, EMPTY_PACKAGE } from './escalation-fixture.ts';
import { expectError } from './pupil-fixture.ts';
import { DIALECTS } from './test-db.ts';
import {
  CDR_SPECIALIST,
  SP1_COUNSELLOR,
  SP2_COUNSELLOR,
  staffFixture,
  type Member,
  type StaffFixture,
} from './staff-cases-fixture.ts';

const REPORT = {
  v: 1,
  category: 'home',
  about: 'me',
  urgent: false,
  text: 'help',
  grade: null,
  wantsMeeting: false,
  name: null,
  lang: 'pl',
};

interface SignedField {
  field: string;
  blob: Uint8Array;
  ad: ItemAd;
}

/** One write as the author's browser makes it, with the signatures left to the test. */
interface Write {
  author: Member;
  path: string;
  items: SignedField[];
  body(signatures: Record<string, string>): unknown;
}

type Bad = (f: StaffFixture, author: Member, item: SignedField) => Uint8Array;

let colleague: Member;

const BAD_SIGNATURES: Record<string, Bad> = {
  '64 zero bytes': () => new Uint8Array(64),
  'random bytes': (f) => f.client().sodium.randombytes_buf(64),
  "a colleague's signature": (f, _a, item) =>
    signItem(f.client().sodium, colleague.signSecretKey, item.blob, item.ad),
  "the author's signature over another item": (f, author, item) =>
    signItem(f.client().sodium, author.signSecretKey, item.blob, {
      ...item.ad,
      itemId: crypto.randomUUID(),
    }),
  'one flipped bit': (f, author, item) => {
    const sig = signItem(f.client().sodium, author.signSecretKey, item.blob, item.ad);
    sig[10] = (sig[10] ?? 0) ^ 1;
    return sig;
  },
};

async function snapshot(db: Db): Promise<string> {
  const tables = [
    'reports',
    'messages',
    'notes',
    'escalations',
    'escalation_outcomes',
    'audit_log',
  ] as const;
  const out: Record<string, unknown> = {};
  for (const table of tables) {
    const rows = await db.selectFrom(table).selectAll().execute();
    out[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return JSON.stringify(out);
}

describe.each(DIALECTS)('staff signatures checked on %s', (dialect) => {
  let f: StaffFixture;
  let counsellor: Member;
  let cdrMember: Member;
  let report: Awaited<ReturnType<StaffFixture['submitted']>>;
  let staffKey: Uint8Array;
  let escalation: { id: string; escKey: Uint8Array } | null = null;

  const sodium = () => f.client().sodium;
  const sign = (m: Member, item: SignedField) =>
    toB64(signItem(sodium(), m.signSecretKey, item.blob, item.ad));

  /** The next message of a thread, encrypted under `key` and chained to the stored one before. */
  async function chained(
    author: Member,
    path: string,
    thread: MessageThread,
    key: Uint8Array,
    authorRole: 'counsellor' | 'cdr',
  ): Promise<Write> {
    const db = f.t.handle.db;
    const reportId = report.reportId;
    const seq = (await lastSeq(db, reportId, thread)) + 1;
    const prev = await db
      .selectFrom('messages')
      .select('blob')
      .where('report_id', '=', reportId)
      .where('thread', '=', thread)
      .where('seq', '=', seq - 1)
      .executeTakeFirst();
    const prevHash = prev ? chainHash(sodium(), prev.blob) : GENESIS_HASH;
    const id = crypto.randomUUID();
    const ad: ItemAd = { reportId, kind: 'message', itemId: id, authorRole, seq, prevHash };
    const blob = encryptItem(sodium(), key, { v: 1, text: `${authorRole} ${seq}` }, ad);
    return {
      author,
      path,
      items: [{ field: 'signature', blob, ad }],
      body: (s) => ({ id, seq, blob: toB64(blob), signature: s['signature'] }),
    };
  }

  const esc = () => {
    if (!escalation) throw new Error('no escalation yet');
    return escalation;
  };

  const WRITES: Record<string, () => Promise<Write>> = {
    "a counsellor's reply in the pupil thread": () =>
      chained(
        counsellor,
        `/api/staff/reports/${report.reportId}/messages`,
        'pupil',
        report.threadKey,
        'counsellor',
      ),
    'a note': () => {
      const id = crypto.randomUUID();
      const ad: ItemAd = {
        reportId: report.reportId,
        kind: 'note',
        itemId: id,
        authorRole: 'counsellor',
      };
      const blob = encryptItem(sodium(), staffKey, { v: 1, text: 'note' }, ad);
      return Promise.resolve({
        author: counsellor,
        path: `/api/staff/reports/${report.reportId}/notes`,
        items: [{ field: 'signature', blob, ad }],
        body: (s) => ({ id, blob: toB64(blob), signature: s['signature'] }),
      });
    },
    'an escalation (package and reason)': () => {
      const composed = composeEscalation(sodium(), {
        reportId: report.reportId,
        school: orgOf(f, 'SP1'),
        cdr: orgOf(f, 'CDR'),
        signSecretKey: counsellor.signSecretKey,
        pkg: EMPTY_PACKAGE,
        reason: 'reason',
        threadKey: report.threadKey,
      });
      const { request } = composed;
      return Promise.resolve({
        author: counsellor,
        path: `/api/staff/reports/${report.reportId}/escalations`,
        items: [
          {
            field: 'packageSignature',
            blob: fromB64(request.package),
            ad: packageAd(report.reportId, request.id),
          },
          {
            field: 'reasonSignature',
            blob: fromB64(request.reason),
            ad: reasonAd(report.reportId, request.id),
          },
        ],
        body: (s) => {
          // Remembered for the escalation's own routes; only the accepted one is stored.
          escalation = { id: request.id, escKey: composed.escKey };
          return { ...request, ...s };
        },
      });
    },
    "a CdR specialist's message in the CdR–school thread": () =>
      chained(cdrMember, `/api/staff/escalations/${esc().id}/messages`, 'cdr', esc().escKey, 'cdr'),
    "a counsellor's message in the CdR–school thread": () =>
      chained(
        counsellor,
        `/api/staff/escalations/${esc().id}/messages`,
        'cdr',
        esc().escKey,
        'counsellor',
      ),
    "a CdR specialist's reply in the pupil thread": () =>
      chained(
        cdrMember,
        `/api/staff/escalations/${esc().id}/pupil-messages`,
        'pupil',
        report.threadKey,
        'cdr',
      ),
    'an outcome note': () => {
      const id = crypto.randomUUID();
      const ad = outcomeAd(report.reportId, id);
      const blob = encryptItem(sodium(), esc().escKey, { v: 1, text: 'outcome' }, ad);
      return Promise.resolve({
        author: cdrMember,
        path: `/api/staff/escalations/${esc().id}/outcomes`,
        items: [{ field: 'signature', blob, ad }],
        body: (s) => ({
          id,
          service: 'family_therapy',
          note: toB64(blob),
          signature: s['signature'],
        }),
      });
    },
  };

  const goodSignatures = (w: Write) =>
    Object.fromEntries(w.items.map((item) => [item.field, sign(w.author, item)]));

  const refused = async (w: Write, signatures: Record<string, string>, status: number) => {
    const before = await snapshot(f.t.handle.db);
    const res = await f.send(w.author.cookie, 'POST', w.path, w.body(signatures));
    const body = await expectError(res, status, status === 400 ? 'validation_failed' : 'forbidden');
    expect(await snapshot(f.t.handle.db)).toBe(before);
    return body;
  };

  /** What the pupil's device does with its thread; throws if anything in it does not verify. */
  const pupilOpens = async () => {
    const res = await f.client('SP1').thread(report.token);
    expect(res.status).toBe(200);
    const thread = (await res.json()) as PupilThreadDto;
    const school = orgOf(f, 'SP1');
    const cdr = orgOf(f, 'CDR');
    return openThread(
      sodium(),
      openThreadKey(sodium(), report.receiptKeys.pupilKey, thread),
      thread,
      { school: [orgSignKey(school)], cdr: [orgSignKey(cdr)] },
      { school: school.id, cdr: cdr.id },
    );
  };

  beforeAll(async () => {
    f = await staffFixture(dialect);
    counsellor = await f.member(SP1_COUNSELLOR);
    cdrMember = await f.member(CDR_SPECIALIST);
    colleague = await f.member(SP2_COUNSELLOR);
    report = await f.submitted(f.client('SP1'), REPORT);
    staffKey = newKey(sodium());
    const sealed = toB64(sealKey(sodium(), staffKey, orgBoxKey(orgOf(f, 'SP1'))));
    const res = await f.send(
      counsellor.cookie,
      'POST',
      `/api/staff/reports/${report.reportId}/staff-key`,
      {
        staffKeySealed: sealed,
      },
    );
    expect(res.status, await res.clone().text()).toBe(204);
  });
  afterAll(() => f.t.close());

  // In order: the escalation's routes need the escalation the third write creates.
  describe.each(Object.keys(WRITES))('%s', (name) => {
    const build = () => {
      const make = WRITES[name];
      if (!make) throw new Error(name);
      return make();
    };

    it.each(Object.keys(BAD_SIGNATURES))('refuses %s with 400, storing nothing', async (bad) => {
      const make = BAD_SIGNATURES[bad];
      if (!make) throw new Error(bad);
      const first = await build();
      for (const target of first.items) {
        const w = await build();
        const item = w.items.find((i) => i.field === target.field);
        if (!item) throw new Error(target.field);
        const signatures = { ...goodSignatures(w), [item.field]: toB64(make(f, w.author, item)) };
        const body = await refused(w, signatures, 400);
        expect(body).toMatchObject({ error: { issues: [{ path: item.field }] } });
      }
      await pupilOpens();
    });

    it('refuses an author whose endorsement does not verify with 403, storing nothing', async () => {
      const db = f.t.handle.db;
      const w = await build();
      const row = await db
        .selectFrom('staff')
        .select('org_endorsement')
        .where('id', '=', w.author.id)
        .executeTakeFirstOrThrow();
      const good = row.org_endorsement ?? '';
      const flipped = fromB64(good);
      flipped[0] = (flipped[0] ?? 0) ^ 1;
      for (const endorsement of [toB64(flipped), toB64(new Uint8Array(64)), null]) {
        await db
          .updateTable('staff')
          .set({ org_endorsement: endorsement })
          .where('id', '=', w.author.id)
          .execute();
        try {
          await refused(w, goodSignatures(w), 403);
        } finally {
          await db
            .updateTable('staff')
            .set({ org_endorsement: good })
            .where('id', '=', w.author.id)
            .execute();
        }
      }
      await pupilOpens();
    });

    it('accepts the properly signed item, and the pupil thread still opens', async () => {
      const w = await build();
      const res = await f.send(w.author.cookie, 'POST', w.path, w.body(goodSignatures(w)));
      expect(res.status, await res.clone().text()).toBe(201);
      const opened = await pupilOpens();
      // Every stored message of the pupil thread opens, the refused ones were never stored.
      const stored = await lastSeq(f.t.handle.db, report.reportId, 'pupil');
      expect(opened.messages.map((m) => m.seq)).toEqual(
        Array.from({ length: stored }, (_, i) => i + 1),
      );
    });
  });
});
