// The whole way of a case to the CdR, with real ciphertext: a pupil reports with two photos, the
// counsellor escalates a selection (the report, one photo, a summary) and hands the conversation
// over; the CdR's specialist finds it in the queue, opens it with the CdR's key, downloads only the
// selected photo, talks with the counsellor, answers the pupil (who verifies the CdR's signature),
// records an outcome and closes; the school sees the result; both audit chains verify.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  composeAttachment,
  decryptAttachment,
  unpadAttachment,
  decryptItem,
  deriveReceiptKeys,
  fileKeyContext,
  fromB64,
  openSealedKey,
  openThread,
  openThreadKey,
  toB64,
  unwrapKey,
  verifyItem,
} from '../../shared/crypto/index.ts';
import type { ReportContent } from '../../shared/protocol/content.ts';
import type { EscalationCaseDto, EscalationItemDto } from '../../shared/protocol/escalations.ts';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import type { OpenReceiptDto } from '../../shared/protocol/pupil.ts';
import { listAudit, verifyAuditChain } from '../../server/db/repositories/audit.ts';
import { findReport } from '../../server/db/repositories/reports.ts';
import type { CapturedAlerts } from '../tools/alert-capture.ts';
import { TEST_ARGON } from '../tools/pupil-client.ts';
import {
  composeChained,
  composeOutcome,
  openEscalation,
  openEscKey,
  orgSignKey,
  outcomeAd,
  readChained,
} from '../tools/escalation-client.ts';
import { DIALECTS } from './test-db.ts';
import {
  CDR_SPECIALIST,
  SP1_COUNSELLOR,
  staffFixture,
  type Member,
  type StaffFixture,
} from './staff-cases-fixture.ts';
import { escalate, type Escalated } from './escalation-fixture.ts';

const content: ReportContent = {
  v: 1,
  category: 'home',
  about: 'me',
  urgent: false,
  text: 'W domu ciągle są kłótnie i boję się wracać.',
  grade: '5a',
  wantsMeeting: true,
  name: null,
  lang: 'pl',
};
// Well inside the staff sessions' idle timeout.
const MINUTE = 60 * 1000;

describe.each(DIALECTS)('escalation to the CdR on %s', (dialect) => {
  let f: StaffFixture;
  let counsellor: Member;
  let cdrMember: Member;
  let school: OrganisationDto;
  let cdr: OrganisationDto;
  let reportId = '';
  let receipt = '';
  let esc: Escalated;
  const photos = [new Uint8Array(3000).fill(5), new Uint8Array(2000).fill(9)];
  const attachmentIds: string[] = [];
  let dto: EscalationCaseDto;
  let escKey: Uint8Array;
  const path = (suffix = '') => `/api/staff/escalations/${esc.id}${suffix}`;
  const open = async (m: Member) => {
    const res = await f.get(m.cookie, path());
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as EscalationCaseDto;
  };
  const list = async (m: Member, query = '') => {
    const res = await f.get(m.cookie, `/api/staff/escalations${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { items: EscalationItemDto[] }).items;
  };

  beforeAll(async () => {
    f = await staffFixture(dialect);
    counsellor = await f.member(SP1_COUNSELLOR);
    cdrMember = await f.member(CDR_SPECIALIST);
    const byCode = (code: string) => f.orgs.find((o) => o.code === code) as OrganisationDto;
    school = byCode('SP1');
    cdr = byCode('CDR');
    const pupil = f.client('SP1');
    const report = pupil.compose(content);
    expect((await pupil.submit(report)).status).toBe(201);
    reportId = report.reportId;
    receipt = report.receiptCode;
    const token = ((await (await pupil.openReceipt(receipt)).json()) as OpenReceiptDto).session
      .token;
    for (const bytes of photos) {
      const a = composeAttachment(pupil.sodium, {
        threadKey: report.threadKey,
        reportId,
        authorRole: 'pupil',
        name: 'zdjecie.jpg',
        type: 'image/jpeg',
        bytes,
      });
      const res = await pupil.upload(token, {
        id: a.id,
        fileKeyWrapped: toB64(a.fileKeyWrapped),
        meta: toB64(a.meta),
        data: a.data,
      });
      expect(res.status, await res.clone().text()).toBe(201);
      attachmentIds.push(a.id);
    }
    await f.reply(counsellor, reportId, 'Dziękuję, że napisałeś. Jestem tu.');
  });
  afterAll(() => f.t.close());

  it('the counsellor escalates a selection and hands the conversation over', async () => {
    const opened = await f.openCase(counsellor, reportId);
    const first = opened.attachments.find((a) => a.id === attachmentIds[0]);
    if (!first) throw new Error('attachment missing');
    const fileKey = unwrapKey(
      f.client().sodium,
      fromB64(first.fileKeyWrapped),
      opened.threadKey,
      fileKeyContext(first.id),
    );
    esc = await escalate(f, counsellor, {
      reportId,
      school,
      cdr,
      threadKey: opened.threadKey,
      pkg: {
        v: 1,
        report: content,
        messages: [],
        attachments: [
          {
            attachmentId: first.id,
            name: 'zdjecie.jpg',
            type: 'image/jpeg',
            size: photos[0]?.length ?? 0,
            fileKey: toB64(fileKey),
          },
        ],
        summary: 'Kłótnie w domu, dziecko boi się wracać.',
      },
      reason: 'Potrzebna terapia rodzinna.',
    });
    const alerts = f.t.alerts as CapturedAlerts;
    expect(alerts.events.at(-1)).toMatchObject({
      kind: 'escalation',
      orgId: cdr.id,
      schoolOrgId: school.id,
      reportId,
    });
  });

  it('the CdR queue puts urgent cases first, then the oldest', async () => {
    f.t.advance(MINUTE);
    const other = await escalate(f, await f.member('pedagog.sp2@demo.invalid'), {
      code: 'SP2',
      urgent: true,
    });
    f.t.advance(MINUTE);
    const later = await escalate(f, await f.member('pedagog.sp3@demo.invalid'), { code: 'SP3' });
    const queue = await list(cdrMember);
    expect(queue.map((i) => i.id)).toEqual([other.id, esc.id, later.id]);
    expect(queue[1]).toMatchObject({
      reportId,
      school: { id: school.id, code: 'SP1', name: school.name },
      status: 'open',
      threadHandedOver: true,
    });
    // The counsellor sees only their own school's escalation.
    expect((await list(counsellor)).map((i) => i.id)).toEqual([esc.id]);
  });

  it('the CdR opens it with its own key and gets only the selected attachment', async () => {
    const sodium = f.client().sodium;
    dto = await open(cdrMember);
    if (!cdrMember.orgKeys) throw new Error('no CdR keys');
    escKey = openEscKey(sodium, dto, cdrMember.orgKeys);
    const { pkg, reason } = openEscalation(sodium, dto, escKey);
    expect(pkg.report).toEqual(content);
    expect(reason.text).toBe('Potrzebna terapia rodzinna.');
    expect(dto.createdBy).toMatchObject({ id: counsellor.id, orgId: school.id });
    const chosen = pkg.attachments[0];
    if (!chosen) throw new Error('no attachment in the package');
    const res = await f.get(cdrMember.cookie, path(`/attachments/${chosen.attachmentId}`));
    expect(res.status).toBe(200);
    const data = new Uint8Array(await res.arrayBuffer());
    const plain = decryptAttachment(sodium, fromB64(chosen.fileKey), data);
    expect(unpadAttachment(plain, photos[0]?.length ?? -1)).toEqual(photos[0]);
    const other = await f.get(cdrMember.cookie, path(`/attachments/${attachmentIds[1]}`));
    expect(other.status).toBe(404);
  });

  it('the CdR and the counsellor talk in their own thread', async () => {
    const sodium = f.client().sodium;
    const send = async (m: Member, role: 'cdr' | 'counsellor', text: string) => {
      const current = await open(m);
      const body = composeChained(sodium, {
        key: escKey,
        reportId,
        messages: current.messages,
        text,
        authorRole: role,
        signSecretKey: m.signSecretKey,
      });
      return f.send(m.cookie, 'POST', path('/messages'), body);
    };
    expect((await send(cdrMember, 'cdr', 'Przejmujemy, zadzwonimy do rodziców.')).status).toBe(201);
    const forSchool = await open(counsellor);
    if (!counsellor.orgKeys) throw new Error('no school keys');
    const schoolKey = openEscKey(sodium, forSchool, counsellor.orgKeys);
    expect(readChained(sodium, schoolKey, reportId, forSchool.messages)).toEqual([
      { authorRole: 'cdr', text: 'Przejmujemy, zadzwonimy do rodziców.' },
    ]);
    expect(forSchool.pupilThread).toBeNull();
    expect(forSchool.keyVersion).toBe(1);
    expect((await send(counsellor, 'counsellor', 'Dziękuję.')).status).toBe(201);
    // A stale seq (the tip already moved) is refused.
    const stale = composeChained(sodium, {
      key: escKey,
      reportId,
      messages: forSchool.messages,
      text: 'late',
      authorRole: 'cdr',
      signSecretKey: cdrMember.signSecretKey,
    });
    expect((await f.send(cdrMember.cookie, 'POST', path('/messages'), stale)).status).toBe(409);
  });

  it('the CdR answers the pupil, who verifies it and writes back', async () => {
    const sodium = f.client().sodium;
    const current = await open(cdrMember);
    if (!current.pupilThread || !cdrMember.orgKeys) throw new Error('not handed over');
    const threadKey = openSealedKey(
      sodium,
      fromB64(current.pupilThread.threadKeySealedCdr),
      cdrMember.orgKeys.boxPublicKey,
      cdrMember.orgKeys.boxSecretKey,
    );
    expect(readChained(sodium, threadKey, reportId, current.pupilThread.messages)).toEqual([
      { authorRole: 'counsellor', text: 'Dziękuję, że napisałeś. Jestem tu.' },
    ]);
    const body = composeChained(sodium, {
      key: threadKey,
      reportId,
      messages: current.pupilThread.messages,
      text: 'Cześć, jestem psychologiem z Centrum dla Rodzin.',
      authorRole: 'cdr',
      signSecretKey: cdrMember.signSecretKey,
    });
    const res = await f.send(cdrMember.cookie, 'POST', path('/pupil-messages'), body);
    expect(res.status, await res.clone().text()).toBe(201);
    const report = await findReport(f.t.handle.db, reportId);
    expect(report).toMatchObject({ status: 'waiting_for_pupil', waiting_since: null });

    const pupil = f.client('SP1');
    const receiptRes = (await (await pupil.openReceipt(receipt)).json()) as OpenReceiptDto;
    const thread = receiptRes.thread;
    expect(thread).toMatchObject({ escalated: true, cdrOrgId: cdr.id });
    const { pupilKey } = deriveReceiptKeys(
      sodium,
      receipt,
      fromB64(school.receiptSalt),
      TEST_ARGON,
    );
    const opened = openThread(
      sodium,
      openThreadKey(sodium, pupilKey, thread),
      thread,
      [orgSignKey(school), orgSignKey(cdr)],
      { school: school.id, cdr: cdr.id },
    );
    expect(opened.messages.at(-1)).toMatchObject({
      authorRole: 'cdr',
      content: { text: 'Cześć, jestem psychologiem z Centrum dla Rodzin.' },
    });
    const next = pupil.composeMessage(
      { reportId, threadKey: opened.threadKey },
      thread.messages.length + 1,
      thread.messages.at(-1)?.blob,
    );
    expect((await pupil.postMessage(receiptRes.session.token, next)).status).toBe(201);
  });

  it('the CdR assigns, records outcomes and closes; the school sees the result', async () => {
    const sodium = f.client().sodium;
    const patched = await f.send(cdrMember.cookie, 'PATCH', path(), {
      status: 'in_progress',
      assigneeId: cdrMember.id,
      niebieskaKartaDate: '2026-11-24',
    });
    expect(patched.status, await patched.clone().text()).toBe(200);
    expect(await patched.json()).toMatchObject({
      status: 'in_progress',
      assigneeId: cdrMember.id,
      niebieskaKartaDate: '2026-11-24',
    });
    const withNote = composeOutcome(sodium, {
      escKey,
      reportId,
      signSecretKey: cdrMember.signSecretKey,
      text: 'Dwie sesje terapii rodzinnej.',
    });
    const outcome = { ...withNote, service: 'family_therapy' };
    expect((await f.send(cdrMember.cookie, 'POST', path('/outcomes'), outcome)).status).toBe(201);
    // Outcomes are listed by time (then id): record the second one a second later.
    f.t.advance(1000);
    const bare = {
      id: crypto.randomUUID(),
      service: 'parents_school',
      note: null,
      signature: null,
    };
    expect((await f.send(cdrMember.cookie, 'POST', path('/outcomes'), bare)).status).toBe(201);
    const closed = await f.send(cdrMember.cookie, 'POST', path('/close'), {
      result: 'support_provided',
    });
    expect(closed.status, await closed.clone().text()).toBe(200);

    const view = await open(cdrMember);
    expect(view.outcomes.map((o) => o.service)).toEqual(['family_therapy', 'parents_school']);
    const noted = view.outcomes[0];
    if (!noted?.note || !noted.signature) throw new Error('no note');
    const ad = outcomeAd(reportId, noted.id);
    verifyItem(
      sodium,
      fromB64(noted.author.signPublicKey),
      fromB64(noted.signature),
      fromB64(noted.note),
      ad,
    );
    expect(decryptItem(sodium, escKey, fromB64(noted.note), ad)).toEqual({
      v: 1,
      text: 'Dwie sesje terapii rodzinnej.',
    });
    expect(view.history.map((h) => h.action)).toEqual([
      'escalation.created',
      'escalation.message',
      'escalation.pupil_message',
      'escalation.status',
      'escalation.assigned',
      'escalation.niebieska_karta',
      'escalation.outcome',
      'escalation.outcome',
      'escalation.closed',
    ]);
    const mine = (await list(counsellor)).find((i) => i.id === esc.id);
    expect(mine).toMatchObject({ status: 'closed', result: 'support_provided' });
    expect(mine?.closedAt).toBe(f.t.now.toISOString());
    // Closed: last in the CdR's queue, and found by the status filter.
    expect((await list(cdrMember)).at(-1)?.id).toBe(esc.id);
    expect((await list(cdrMember, '?status=closed')).map((i) => i.id)).toEqual([esc.id]);
  });

  it('both audit chains hold the escalation and verify', async () => {
    const db = f.t.handle.db;
    const actions = async (orgId: string) =>
      (await listAudit(db, orgId))
        .filter((a) => a.subject_id === esc.id || a.action === 'escalation.pupil_message')
        .map((a) => a.action);
    expect(await actions(school.id)).toEqual([
      'escalation.created',
      'escalation.message',
      'escalation.pupil_message',
      'escalation.closed',
    ]);
    expect(await actions(cdr.id)).toContain('escalation.closed');
    expect(await verifyAuditChain(db, school.id)).toBeNull();
    expect(await verifyAuditChain(db, cdr.id)).toBeNull();
  });
});
