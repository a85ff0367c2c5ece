// What escalation refuses, each storing nothing: a stale CdR or school key version (the browser
// must refetch), a CdR that is not one, foreign or repeated attachment ids, a second open
// escalation, malformed input, outcome notes without signatures, assignees outside the CdR, and
// any write after closing. And what the CdR cannot open at the crypto level: K_esc opens neither
// the report body nor the staff notes, and without a handover there is no pupil thread to answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptItem, encryptItem, fromB64, newKey, toB64 } from '../../shared/crypto/index.ts';
import type { EscalationCaseDto } from '../../shared/protocol/escalations.ts';
import type { Db } from '../../server/db/database.ts';
import { findReport } from '../../server/db/repositories/reports.ts';
import { openEscKey } from '../tools/escalation-client.ts';
import { expectError } from './pupil-fixture.ts';
import { DIALECTS } from './test-db.ts';
import {
  CDR_SPECIALIST,
  SP1_COUNSELLOR,
  staffFixture,
  type Member,
  type StaffFixture,
} from './staff-cases-fixture.ts';
import {
  composeFor,
  EMPTY_PACKAGE,
  escalate,
  orgOf,
  postEscalation,
  type EscalateArgs,
} from './escalation-fixture.ts';

async function snapshot(db: Db): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const table of [
    'escalations',
    'escalation_outcomes',
    'messages',
    'reports',
    'audit_log',
  ] as const) {
    const rows = await db.selectFrom(table).selectAll().execute();
    out[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return JSON.stringify(out);
}

describe.each(DIALECTS)('escalation refusals on %s', (dialect) => {
  let f: StaffFixture;
  let counsellor: Member;
  let cdrMember: Member;
  const refused = async (request: () => Promise<Response>, status: number, code: string) => {
    const before = await snapshot(f.t.handle.db);
    await expectError(await request(), status, code);
    expect(await snapshot(f.t.handle.db)).toBe(before);
  };

  beforeAll(async () => {
    f = await staffFixture(dialect);
    counsellor = await f.member(SP1_COUNSELLOR);
    cdrMember = await f.member(CDR_SPECIALIST);
  });
  afterAll(() => f.t.close());

  const argsFor = async (): Promise<EscalateArgs> => ({
    reportId: (await f.submitted(f.client('SP1'))).reportId,
    school: orgOf(f, 'SP1'),
    cdr: orgOf(f, 'CDR'),
    pkg: EMPTY_PACKAGE,
    reason: 'reason',
    threadKey: null,
  });

  it('refuses a bad create, and a second open escalation', async () => {
    const args = await argsFor();
    const body = composeFor(f, counsellor, args).request;
    const post = (patch: object) => () =>
      postEscalation(f, counsellor, args.reportId, { ...body, ...patch });
    await refused(post({ cdrKeyVersion: 2 }), 409, 'conflict');
    await refused(post({ schoolKeyVersion: 2 }), 409, 'conflict');
    await refused(post({ cdrOrgId: orgOf(f, 'SP2').id }), 400, 'validation_failed');
    await refused(post({ cdrOrgId: crypto.randomUUID() }), 404, 'not_found');
    const foreign = await f.submitted(f.client('SP1'));
    const upload = f.client('SP1').composeAttachment(foreign, new Uint8Array(10));
    expect((await f.client('SP1').upload(foreign.token, upload)).status).toBe(201);
    await refused(post({ attachmentIds: [upload.id] }), 404, 'not_found');
    await refused(post({ attachmentIds: [crypto.randomUUID()] }), 404, 'not_found');
    const id = crypto.randomUUID();
    await refused(post({ attachmentIds: [id, id] }), 400, 'validation_failed');
    await refused(post({ urgent: 'yes' }), 400, 'validation_failed');
    await refused(post({ escKeySealedCdr: toB64(new Uint8Array(80)) }), 400, 'validation_failed');
    await refused(post({ package: '***' }), 400, 'validation_failed');
    // The CdR cannot escalate, nor can another school's counsellor (as if the report did not exist).
    await refused(
      () =>
        f.send(cdrMember.cookie, 'POST', `/api/staff/reports/${args.reportId}/escalations`, body),
      403,
      'forbidden',
    );
    const sp2 = await f.member('pedagog.sp2@demo.invalid');
    await refused(() => postEscalation(f, sp2, args.reportId, body), 404, 'not_found');

    expect((await postEscalation(f, counsellor, args.reportId, body)).status).toBe(201);
    const second = composeFor(f, counsellor, args).request;
    await refused(() => postEscalation(f, counsellor, args.reportId, second), 409, 'conflict');
  });

  it('keeps the CdR out of what was not handed over', async () => {
    const sodium = f.client().sodium;
    const report = await f.submitted(f.client('SP1'), {
      v: 1,
      category: 'home',
      about: 'me',
      urgent: false,
      text: 'secret',
      grade: null,
      wantsMeeting: false,
      name: null,
      lang: 'pl',
    });
    await f.reply(counsellor, report.reportId, 'hello');
    const esc = await escalate(f, counsellor, {
      reportId: report.reportId,
      school: orgOf(f, 'SP1'),
      cdr: orgOf(f, 'CDR'),
      pkg: EMPTY_PACKAGE,
      reason: 'reason',
      threadKey: null,
    });
    const res = await f.get(cdrMember.cookie, `/api/staff/escalations/${esc.id}`);
    const dto = (await res.json()) as EscalationCaseDto;
    expect(dto.pupilThread).toBeNull();
    expect(dto.item.threadHandedOver).toBe(false);
    if (!cdrMember.orgKeys) throw new Error('no CdR keys');
    const escKey = openEscKey(sodium, dto, cdrMember.orgKeys);
    const stored = await findReport(f.t.handle.db, report.reportId);
    if (!stored) throw new Error('no report');
    const reportAd = {
      reportId: report.reportId,
      kind: 'report',
      itemId: report.reportId,
      authorRole: 'pupil',
    } as const;
    expect(() => decryptItem(sodium, escKey, stored.body, reportAd)).toThrow();
    // Nor a staff note under K_staff: the CdR holds neither K_thread nor K_staff.
    const staffKey = newKey(sodium);
    const noteAd = {
      reportId: report.reportId,
      kind: 'note',
      itemId: crypto.randomUUID(),
      authorRole: 'counsellor',
    } as const;
    const note = encryptItem(sodium, staffKey, { v: 1, text: 'note' }, noteAd);
    expect(() => decryptItem(sodium, escKey, note, noteAd)).toThrow();
    expect(fromB64(dto.escKeySealed)).not.toEqual(stored.thread_key_sealed);

    const message = {
      id: crypto.randomUUID(),
      seq: 2,
      blob: toB64(new Uint8Array(100)),
      signature: toB64(new Uint8Array(64)),
    };
    await refused(
      () =>
        f.send(
          cdrMember.cookie,
          'POST',
          `/api/staff/escalations/${esc.id}/pupil-messages`,
          message,
        ),
      403,
      'forbidden',
    );
  });

  it('refuses bad records, and every write after closing', async () => {
    const esc = await escalate(f, counsellor, { code: 'SP1', handOver: true });
    const path = (suffix = '') => `/api/staff/escalations/${esc.id}${suffix}`;
    const send = (m: Member, method: string, suffix: string, body: unknown) => () =>
      f.send(m.cookie, method, path(suffix), body);
    const sig = toB64(new Uint8Array(64));
    const blob = toB64(new Uint8Array(100));
    const outcome = { id: crypto.randomUUID(), service: 'family_therapy' };
    await refused(
      send(cdrMember, 'POST', '/outcomes', { ...outcome, note: blob, signature: null }),
      400,
      'validation_failed',
    );
    await refused(
      send(cdrMember, 'POST', '/outcomes', { ...outcome, note: null, signature: sig }),
      400,
      'validation_failed',
    );
    await refused(
      send(cdrMember, 'POST', '/outcomes', {
        ...outcome,
        service: 'magic',
        note: null,
        signature: null,
      }),
      400,
      'validation_failed',
    );
    await refused(send(cdrMember, 'PATCH', '', { assigneeId: counsellor.id }), 404, 'not_found');
    const invited = await f.addMember('CDR', { role: 'cdr_specialist', status: 'invited' });
    await refused(
      send(cdrMember, 'PATCH', '', { assigneeId: invited.id }),
      400,
      'validation_failed',
    );
    await refused(send(cdrMember, 'PATCH', '', { status: 'closed' }), 400, 'validation_failed');
    await refused(
      send(cdrMember, 'PATCH', '', { niebieskaKartaDate: '24.11.2026' }),
      400,
      'validation_failed',
    );
    await refused(
      send(cdrMember, 'POST', '/close', { result: 'solved' }),
      400,
      'validation_failed',
    );
    await refused(
      send(counsellor, 'POST', '/close', { result: 'support_provided' }),
      403,
      'forbidden',
    );
    await refused(
      send(cdrMember, 'POST', '/messages', {
        id: crypto.randomUUID(),
        seq: 2,
        blob,
        signature: sig,
      }),
      409,
      'conflict',
    );

    expect((await send(cdrMember, 'POST', '/close', { result: 'no_action_needed' })()).status).toBe(
      200,
    );
    const message = (seq: number) => ({ id: crypto.randomUUID(), seq, blob, signature: sig });
    await refused(send(cdrMember, 'POST', '/messages', message(1)), 409, 'conflict');
    await refused(send(counsellor, 'POST', '/messages', message(1)), 409, 'conflict');
    await refused(send(cdrMember, 'POST', '/pupil-messages', message(1)), 409, 'conflict');
    await refused(send(cdrMember, 'PATCH', '', { status: 'in_progress' }), 409, 'conflict');
    await refused(
      send(cdrMember, 'POST', '/outcomes', { ...outcome, note: null, signature: null }),
      409,
      'conflict',
    );
    await refused(
      send(cdrMember, 'POST', '/close', { result: 'support_provided' }),
      409,
      'conflict',
    );
    // Reading still works, and the report can be escalated again.
    expect((await f.get(cdrMember.cookie, path())).status).toBe(200);
    const again = composeFor(f, counsellor, {
      reportId: esc.reportId,
      school: orgOf(f, 'SP1'),
      cdr: orgOf(f, 'CDR'),
      pkg: EMPTY_PACKAGE,
      reason: 'again',
      threadKey: null,
    });
    expect((await postEscalation(f, counsellor, esc.reportId, again.request)).status).toBe(201);
  });
});
