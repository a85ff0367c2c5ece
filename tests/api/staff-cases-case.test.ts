// One case from the counsellor's side, with real ciphertext: open and decrypt the report, reply
// (the pupil verifies it), set K_staff and add a note the pupil can never open, triage, flag,
// pause replies, exchange attachments; the history lists every action and no content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  composeAttachment,
  decodeCertificateBody,
  decryptAttachment,
  decryptItem,
  unpadAttachment,
  encryptItem,
  fromB64,
  newKey,
  openAttachmentData,
  openSealedKey,
  openThread,
  sealKey,
  signItem,
  toB64,
} from '../../shared/crypto/index.ts';
import type { ReportContent } from '../../shared/protocol/content.ts';
import type { OpenReceiptDto, PupilThreadDto } from '../../shared/protocol/pupil.ts';
import { listAudit, verifyAuditChain } from '../../server/db/repositories/audit.ts';
import { findReport } from '../../server/db/repositories/reports.ts';
import type { CapturedAlerts } from '../tools/alert-capture.ts';
import type { PupilClient } from '../tools/pupil-client.ts';
import { DIALECTS } from './test-db.ts';
import {
  SP1_COUNSELLOR,
  staffFixture,
  type Member,
  type StaffFixture,
} from './staff-cases-fixture.ts';

const CANARY = 'kanarek-7f3a9c';
const content: ReportContent = {
  v: 1,
  category: 'home',
  about: 'me',
  urgent: true,
  text: `Tata mnie bije. ${CANARY}`,
  grade: '4b',
  wantsMeeting: true,
  name: null,
  lang: 'pl',
};

describe.each(DIALECTS)('staff case on %s', (dialect) => {
  let f: StaffFixture;
  let me: Member;
  let pupil: PupilClient;
  let reportId = '';
  let receipt = '';
  let staffKey: Uint8Array;
  const path = (suffix = '') => `/api/staff/reports/${reportId}${suffix}`;

  const pupilThread = async () => {
    const res = await pupil.openReceipt(receipt);
    const dto = (await res.json()) as OpenReceiptDto;
    return { token: dto.session.token, thread: dto.thread };
  };
  const openAsPupil = (thread: PupilThreadDto, threadKey: Uint8Array) =>
    openThread(
      pupil.sodium,
      threadKey,
      thread,
      [decodeCertificateBody(fromB64(pupil.school.certificate.body)).signPublicKey],
      { school: pupil.school.id },
    );

  beforeAll(async () => {
    f = await staffFixture(dialect);
    pupil = f.client('SP1');
    const report = pupil.compose(content, true);
    expect((await pupil.submit(report)).status).toBe(201);
    reportId = report.reportId;
    receipt = report.receiptCode;
    me = await f.member(SP1_COUNSELLOR);
  });
  afterAll(() => f.t.close());

  it('alerted the school about an urgent report, then opens and decrypts it', async () => {
    expect((f.t.alerts as CapturedAlerts).events).toEqual([
      { kind: 'report', orgId: pupil.school.id, reportId, urgent: true },
    ]);
    const opened = await f.openCase(me, reportId);
    const body = decryptItem(pupil.sodium, opened.threadKey, fromB64(opened.body), {
      reportId,
      kind: 'report',
      itemId: reportId,
      authorRole: 'pupil',
    });
    expect(body).toEqual(content);
    expect(opened.item).toMatchObject({ id: reportId, urgent: true, status: 'new', unread: false });
    expect(opened.item.waitingSince).toBe('2026-11-23T10:00:00.000Z');
    expect(opened.staffKeySealed).toBeNull();
  });

  it('replies; the pupil opens and verifies the answer', async () => {
    await f.reply(me, reportId, 'Dziękuję, że napisałeś. Jestem tu.');
    const stale = await f.send(me.cookie, 'POST', path('/messages'), {
      id: crypto.randomUUID(),
      seq: 1,
      blob: toB64(new Uint8Array(64)),
      signature: toB64(new Uint8Array(64)),
    });
    expect(stale.status).toBe(409);
    const row = await findReport(f.t.handle.db, reportId);
    expect(row).toMatchObject({ status: 'waiting_for_pupil', waiting_since: null });
    expect(row?.first_answer_at).toBe(f.t.now.toISOString());

    const { thread } = await pupilThread();
    const opened = openAsPupil(thread, (await f.openCase(me, reportId)).threadKey);
    expect(opened.messages.map((m) => [m.seq, m.authorRole, m.content.text])).toEqual([
      [1, 'counsellor', 'Dziękuję, że napisałeś. Jestem tu.'],
    ]);
  });

  it('adds notes only after K_staff is set, and the pupil can never open them', async () => {
    const noteId = crypto.randomUUID();
    const ad = { reportId, kind: 'note', itemId: noteId, authorRole: 'counsellor' } as const;
    staffKey = newKey(pupil.sodium);
    const blob = encryptItem(pupil.sodium, staffKey, { v: 1, text: 'Notatka: zadzwonić' }, ad);
    const note = {
      id: noteId,
      blob: toB64(blob),
      signature: toB64(signItem(pupil.sodium, me.signSecretKey, blob, ad)),
    };
    expect((await f.send(me.cookie, 'POST', path('/notes'), note)).status).toBe(409);

    if (!me.orgKeys) throw new Error('no org keys');
    const sealed = toB64(sealKey(pupil.sodium, staffKey, me.orgKeys.boxPublicKey));
    expect(
      (await f.send(me.cookie, 'POST', path('/staff-key'), { staffKeySealed: sealed })).status,
    ).toBe(204);
    const again = await f.send(me.cookie, 'POST', path('/staff-key'), { staffKeySealed: sealed });
    expect(again.status).toBe(409);
    expect((await f.send(me.cookie, 'POST', path('/notes'), note)).status).toBe(201);
    expect((await f.send(me.cookie, 'POST', path('/notes'), note)).status).toBe(409);

    const opened = await f.openCase(me, reportId);
    const [stored] = opened.notes;
    expect(stored).toMatchObject({ id: noteId, authorId: me.id, signature: note.signature });
    const key = openSealedKey(
      pupil.sodium,
      fromB64(opened.staffKeySealed ?? ''),
      me.orgKeys.boxPublicKey,
      me.orgKeys.boxSecretKey,
    );
    expect(decryptItem(pupil.sodium, key, fromB64(stored?.blob ?? ''), ad)).toEqual({
      v: 1,
      text: 'Notatka: zadzwonić',
    });
    // The pupil's key (K_thread) does not open it, and the pupil is never sent it.
    expect(() => decryptItem(pupil.sodium, opened.threadKey, blob, ad)).toThrow();
    const { thread } = await pupilThread();
    const json = JSON.stringify(thread);
    expect(json).not.toContain(noteId);
    expect(json).not.toContain(note.blob.slice(0, 40));
  });

  it('exchanges attachments with the pupil', async () => {
    const threadKey = (await f.openCase(me, reportId)).threadKey;
    const bytes = new TextEncoder().encode('plan spotkania');
    const a = composeAttachment(pupil.sodium, {
      threadKey,
      reportId,
      authorRole: 'counsellor',
      name: 'plan.txt',
      type: 'text/plain',
      bytes,
    });
    const form = new FormData();
    form.set('id', a.id);
    form.set('fileKeyWrapped', toB64(a.fileKeyWrapped));
    form.set('meta', toB64(a.meta));
    form.set('data', new Blob([new Uint8Array(a.data)]), 'data');
    const res = await f.t.app.request(path('/attachments'), {
      method: 'POST',
      headers: { Cookie: me.cookie, 'X-CSRF': '1' },
      body: form,
    });
    expect(res.status, await res.clone().text()).toBe(201);

    const { token, thread } = await pupilThread();
    const opened = openAsPupil(thread, threadKey);
    expect(opened.attachments.map((x) => [x.uploaderRole, x.meta.name])).toEqual([
      ['counsellor', 'plan.txt'],
    ]);
    const download = await pupil.download(token, a.id);
    const [attachment] = opened.attachments;
    if (!attachment) throw new Error('no attachment');
    const fileKey = attachment.fileKey;
    expect(
      openAttachmentData(pupil.sodium, attachment, new Uint8Array(await download.arrayBuffer())),
    ).toEqual(bytes);

    const staffDownload = await f.get(me.cookie, path(`/attachments/${a.id}`));
    expect(staffDownload.status).toBe(200);
    expect(
      unpadAttachment(
        decryptAttachment(pupil.sodium, fileKey, new Uint8Array(await staffDownload.arrayBuffer())),
        bytes.length,
      ),
    ).toEqual(bytes);
    expect((await f.get(me.cookie, path(`/attachments/${crypto.randomUUID()}`))).status).toBe(404);
  });

  it('triages, flags as a test and pauses replies; the pupil is then refused', async () => {
    const colleague = await f.addMember('SP1');
    const invited = await f.addMember('SP1', { status: 'invited' });
    const stranger = await f.addMember('SP2');
    expect((await f.send(me.cookie, 'PATCH', path(), { assigneeId: stranger.id })).status).toBe(
      404,
    );
    expect((await f.send(me.cookie, 'PATCH', path(), { assigneeId: invited.id })).status).toBe(400);
    const res = await f.send(me.cookie, 'PATCH', path(), {
      status: 'in_progress',
      category: 'domestic_violence',
      risk: 'high',
      assigneeId: colleague.id,
      flag: 'test',
      repliesPaused: true,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'in_progress',
      category: 'domestic_violence',
      risk: 'high',
      assigneeId: colleague.id,
      flag: 'test',
      repliesPaused: true,
    });
    // Nothing is deleted by the flag: the report and its thread are all still there.
    expect((await f.openCase(me, reportId)).messages).toHaveLength(1);

    const { token, thread } = await pupilThread();
    expect(thread.repliesPaused).toBe(true);
    const refused = await pupil.postMessage(
      token,
      pupil.composeMessage(
        { reportId, threadKey: newKey(pupil.sodium) },
        2,
        thread.messages[0]?.blob,
      ),
    );
    expect(refused.status).toBe(403);
  });

  it('keeps a history of actions without any content', async () => {
    const { history } = await f.openCase(me, reportId);
    expect(history.map((h) => h.action)).toEqual([
      'report.received',
      'report.replied',
      'report.staff_key',
      'note.added',
      'attachment.added',
      'report.status',
      'report.category',
      'report.risk',
      'report.assigned',
      'report.flagged',
      'report.replies_paused',
    ]);
    expect(history.slice(1).every((h) => h.actorId === me.id)).toBe(true);
    expect(history[0]?.actorId).toBeNull();
    const audit = JSON.stringify(await listAudit(f.t.handle.db, pupil.school.id));
    for (const secret of [CANARY, 'domestic_violence', 'high', 'Notatka']) {
      expect(audit).not.toContain(secret);
      expect(JSON.stringify(history)).not.toContain(secret);
    }
    expect(await verifyAuditChain(f.t.handle.db, pupil.school.id)).toBeNull();
  });
});
