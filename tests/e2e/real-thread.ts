// A real conversation on the running demo server, set up from Node the way the apps would write
// it, so the browser tests can spend their time on what a malicious server does to it: a pupil's
// report (receipt keys with the browser's Argon2id limits, so the real pupil app can come back
// with the code), a photo, and counsellor replies and a pupil message chained after it.
import {
  composeAttachment,
  composeMessage,
  composeReport,
  fromB64,
  toB64,
  type Sodium,
} from '../../shared/crypto/index.ts';
import type { ReportContent } from '../../shared/protocol/content.ts';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import type { PupilThreadDto, SubmitReportDto } from '../../shared/protocol/pupil.ts';
import type { DemoResult } from '../../server/demo/seed-demo.ts';
import type { Db } from '../../server/db/database.ts';
import { certBody } from '../tools/hostile-server.ts';
import { json, PupilClient, viaUrl } from '../tools/pupil-client.ts';
import { staffWriter } from '../tools/staff-writer.ts';

export interface RealThread {
  school: OrganisationDto;
  reportId: string;
  receipt: string;
  /** The report's text, then each message's, in thread order. */
  texts: string[];
  attachmentId: string | null;
}

async function ok<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function realThread(
  sodium: Sodium,
  args: {
    base: string;
    db: Db;
    demo: DemoResult;
    code: string;
    counsellor: string;
    photo?: { name: string; type: string; bytes: Uint8Array };
  },
): Promise<RealThread> {
  const tag = Math.random().toString(36).slice(2, 8);
  const texts = [
    `Report ${tag}: someone at home shouts at me.`,
    `Counsellor ${tag}: thank you for writing.`,
    `Pupil ${tag}: can we talk tomorrow?`,
    `Counsellor ${tag}: yes, after the second lesson.`,
  ];
  const send = viaUrl(args.base);
  const school = await ok<OrganisationDto>(await send(`/api/orgs/by-code/${args.code}`), 'school');
  const cert = certBody(school.certificate);
  // The report lists its photo, as the pupil app does [Note: attachment binding].
  const photoId = args.photo ? crypto.randomUUID() : undefined;
  const content: ReportContent = {
    v: 1,
    category: 'home',
    about: 'me',
    urgent: false,
    text: texts[0] ?? '',
    grade: null,
    wantsMeeting: false,
    name: null,
    lang: 'pl',
    ...(photoId ? { attachments: [photoId] } : {}),
  };
  const report = composeReport(
    sodium,
    {
      orgId: school.id,
      orgKeyVersion: cert.version,
      boxPublicKey: cert.boxPublicKey,
      receiptSalt: fromB64(school.receiptSalt),
    },
    content,
  );
  const pupil = new PupilClient(sodium, send, school);
  const pow = await pupil.pow('report');
  const created = await ok<SubmitReportDto>(
    await send('/api/pupil/reports', json({ ...report.request, pow })),
    'report',
  );
  const token = created.session.token;
  const { reportId, threadKey } = report;

  let attachmentId: string | null = null;
  if (args.photo) {
    const a = composeAttachment(sodium, {
      threadKey,
      reportId,
      authorRole: 'pupil',
      ...args.photo,
      ...(photoId ? { id: photoId } : {}),
      messageId: null,
    });
    const upload = { ...a, fileKeyWrapped: toB64(a.fileKeyWrapped), meta: toB64(a.meta) };
    await ok(await pupil.upload(token, upload), 'attachment');
    attachmentId = a.id;
  }

  const account = args.demo.accounts.find((a) => a.login === args.counsellor);
  if (!account) throw new Error(`no demo account ${args.counsellor}`);
  const staff = await staffWriter(args.db, sodium, account.login, account.password);
  await staff.reply(reportId, { v: 1, text: texts[1] }, new Date());
  const thread = await ok<PupilThreadDto>(await pupil.thread(token), 'thread');
  const tip = thread.messages.at(-1);
  if (!tip) throw new Error('the reply is missing');
  const message = composeMessage(sodium, {
    threadKey,
    reportId,
    tip: { seq: tip.seq, blob: fromB64(tip.blob) },
    content: { v: 1, text: texts[2] ?? '' },
    authorRole: 'pupil',
  });
  await ok(
    await pupil.postMessage(token, { id: message.id, seq: message.seq, blob: toB64(message.blob) }),
    'message',
  );
  await staff.reply(reportId, { v: 1, text: texts[3] }, new Date());
  await send('/api/pupil/session', {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${token}` },
  });
  return { school, reportId, receipt: report.receiptCode, texts, attachmentId };
}
