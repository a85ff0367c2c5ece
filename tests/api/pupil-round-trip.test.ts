// The whole pupil flow over the real API on both dialects: report, receipt, a signed counsellor
// reply, the pupil's answer, an attachment up and down; everything decrypts on the pupil's side,
// times are stored by the hour, and no plaintext reaches the database or the log.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chainHash,
  decodeCertificateBody,
  decryptAttachment,
  decryptItem,
  fromB64,
  GENESIS_HASH,
  unwrapKey,
  verifyChain,
  verifyItem,
  verifyMemberEndorsement,
  type Sodium,
} from '../../shared/crypto/index.ts';
import type { OpenReceiptDto, PupilThreadDto } from '../../shared/protocol/pupil.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { listAudit } from '../../server/db/repositories/audit.ts';
import { bearer } from '../tools/pupil-client.ts';
import { staffWriter } from '../tools/staff-writer.ts';
import { passwordOf, pupilFixture, type PupilFixture } from './pupil-fixture.ts';
import { DIALECTS } from './test-db.ts';

const CANARY = 'CANARY-7f3e9a-pupil-plaintext';
const HOUR = '2026-11-23T10:00:00.000Z';
const COUNSELLOR = 'pedagog.sp1@demo.invalid';

/** What the pupil's device does with a thread: open K_thread, every item, chain and signatures. */
function openThread(
  sodium: Sodium,
  thread: PupilThreadDto,
  pupilKey: Uint8Array,
  orgSign: Uint8Array,
) {
  const { reportId } = thread;
  const key = unwrapKey(sodium, fromB64(thread.threadKeyPupil), pupilKey, `thread-key:${reportId}`);
  const body = decryptItem(sodium, key, fromB64(thread.body), {
    reportId,
    kind: 'report',
    itemId: reportId,
    authorRole: 'pupil',
  });
  const blobs = thread.messages.map((m) => fromB64(m.blob));
  const links = thread.messages.map((m, i) => ({
    seq: m.seq,
    blob: blobs[i]!,
    prevHash: i === 0 ? GENESIS_HASH : chainHash(sodium, blobs[i - 1]!),
  }));
  verifyChain(sodium, links);
  const messages = thread.messages.map((m, i) => {
    const ad = {
      reportId,
      kind: 'message' as const,
      itemId: m.id,
      authorRole: m.authorRole,
      seq: m.seq,
      prevHash: links[i]!.prevHash,
    };
    if (m.authorRole !== 'pupil') {
      const author = m.author!;
      const member = {
        orgId: thread.orgId,
        boxPublicKey: fromB64(author.boxPublicKey),
        signPublicKey: fromB64(author.signPublicKey),
      };
      verifyMemberEndorsement(sodium, [orgSign], member, fromB64(author.endorsement!));
      verifyItem(sodium, member.signPublicKey, fromB64(m.signature!), blobs[i]!, ad);
    }
    return decryptItem(sodium, key, blobs[i]!, ad);
  });
  return { key, body, messages };
}

describe.each(DIALECTS)('pupil round trip on %s', (dialect) => {
  let f: PupilFixture;
  let sodium: Sodium;
  beforeAll(async () => {
    f = await pupilFixture(dialect);
    sodium = await loadSodium();
  });
  afterAll(() => f.t.close());

  it('carries a report, a reply, an answer and an attachment end to end', async () => {
    const pupil = f.client('SP1');
    const orgSign = decodeCertificateBody(fromB64(pupil.school.certificate.body)).signPublicKey;
    const report = await f.submitted(pupil, { text: `${CANARY} at home`, urgent: false });

    // Later, on another device: only the receipt code.
    const opened = await pupil.openReceipt(report.receiptCode);
    expect(opened.status).toBe(200);
    const { session, thread } = (await opened.json()) as OpenReceiptDto;
    expect(thread).toMatchObject({ reportId: report.reportId, status: 'new', escalated: false });
    const first = openThread(sodium, thread, report.receiptKeys.pupilKey, orgSign);
    expect(first.body).toEqual({ text: `${CANARY} at home`, urgent: false });

    const staff = await staffWriter(
      f.t.handle.db,
      sodium,
      COUNSELLOR,
      passwordOf(f.demo, COUNSELLOR),
    );
    expect(
      await staff.reply(report.reportId, { text: 'I am here to help' }, f.t.now),
    ).toMatchObject({
      seq: 1,
    });

    const read = await pupil.thread(session.token);
    expect(read.status).toBe(200);
    const withReply = (await read.json()) as PupilThreadDto;
    expect(withReply.status).toBe('waiting_for_pupil');
    const second = openThread(sodium, withReply, report.receiptKeys.pupilKey, orgSign);
    expect(second.messages).toEqual([{ text: 'I am here to help' }]);

    const answer = pupil.composeMessage(
      { reportId: report.reportId, threadKey: second.key },
      2,
      withReply.messages[0]!.blob,
      { text: `${CANARY} answer` },
    );
    const posted = await pupil.postMessage(session.token, answer);
    expect(posted.status).toBe(201);
    expect(await posted.json()).toEqual({ id: answer.id, seq: 2 });

    const photo = new Uint8Array(200_000).map((_, i) => i % 251);
    const file = pupil.composeAttachment(
      { reportId: report.reportId, threadKey: second.key },
      photo,
    );
    const up = await pupil.upload(session.token, file, answer.id);
    expect(up.status, await up.clone().text()).toBe(201);

    const third = (await (await pupil.thread(session.token)).json()) as PupilThreadDto;
    expect(third.status).toBe('in_progress');
    const opened3 = openThread(sodium, third, report.receiptKeys.pupilKey, orgSign);
    expect(opened3.messages[1]).toEqual({ text: `${CANARY} answer` });
    const [att] = third.attachments;
    expect(att).toMatchObject({ id: file.id, messageId: answer.id, uploaderRole: 'pupil' });
    const fileKey = unwrapKey(
      sodium,
      fromB64(att!.fileKeyWrapped),
      second.key,
      `file-key:${file.id}`,
    );
    const down = await pupil.download(session.token, file.id);
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe('application/octet-stream');
    expect(down.headers.get('cache-control')).toBe('no-store');
    const data = new Uint8Array(await down.arrayBuffer());
    expect(decryptAttachment(sodium, fileKey, data)).toEqual(photo);
    const meta = decryptItem(sodium, second.key, fromB64(att!.meta), {
      reportId: report.reportId,
      kind: 'attachment-meta',
      itemId: file.id,
      authorRole: 'pupil',
    });
    expect(meta).toMatchObject({ name: 'photo.jpg', size: photo.length });

    // The staff side opens the pupil's answer with the organisation's copy of K_thread.
    expect(await staff.threadKey(report.reportId)).toEqual(second.key);

    const ended = await f.t.app.request('/api/pupil/session', {
      method: 'DELETE',
      headers: bearer(session.token),
    });
    expect(ended.status).toBe(204);
    expect((await pupil.thread(session.token)).status).toBe(401);
  });

  it('stores pupil times by the hour only', async () => {
    const db = f.t.handle.db;
    const report = await db.selectFrom('reports').selectAll().executeTakeFirstOrThrow();
    expect(report.created_hour).toBe(HOUR);
    expect(report.updated_at).toBe(HOUR);
    const pupilRows = await db
      .selectFrom('messages')
      .select('created_at')
      .where('author_role', '=', 'pupil')
      .execute();
    const attachments = await db.selectFrom('attachments').select('created_at').execute();
    for (const row of [...pupilRows, ...attachments]) expect(row.created_at).toBe(HOUR);
    const audit = (await listAudit(db, report.org_id)).filter(
      (a) => a.action === 'report.received',
    );
    expect(audit).toMatchObject([{ created_at: HOUR, actor_id: null, subject_id: report.id }]);
  });

  it('keeps the canary out of the database and the log', async () => {
    const hex = Buffer.from(CANARY).toString('hex');
    if (dialect === 'sqlite') {
      const path = f.t.handle.sqlitePath!;
      for (const file of [path, `${path}-wal`]) {
        const bytes = readFileSync(file);
        expect(bytes.length).toBeGreaterThan(0);
        expect(bytes.includes(Buffer.from(CANARY))).toBe(false);
      }
    } else {
      for (const table of ['reports', 'messages', 'attachments', 'audit_log']) {
        const rows = await sql<{
          t: string;
        }>`select t::text as t from ${sql.table(table)} t`.execute(f.t.handle.db);
        expect(rows.rows.length).toBeGreaterThan(0);
        for (const row of rows.rows) {
          expect(row.t).not.toContain(CANARY);
          expect(row.t).not.toContain(hex);
        }
      }
    }
    f.t.flushLog();
    const logs = JSON.stringify(f.t.logs);
    expect(f.t.logs.length).toBeGreaterThan(5);
    expect(logs).not.toContain(CANARY);
    expect(logs).not.toMatch(/Bearer|authKey|token/);
  });
});
