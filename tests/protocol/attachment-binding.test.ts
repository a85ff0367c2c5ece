// [Note: attachment binding] A report and each message list their attachments inside the
// ciphertext, and each attachment's metadata names its message: a server that drops a listed
// photo, or moves one between messages or between a message and the report, is caught.
import { describe, expect, it } from 'vitest';
import {
  composeAttachment,
  composeMessage,
  composeReport,
  generateOrgKeys,
  openThread,
  toB64,
  type ComposedAttachment,
} from '../../shared/crypto/index.ts';
import type { ReportContent } from '../../shared/protocol/content.ts';
import type { PupilThreadDto } from '../../shared/protocol/pupil.ts';
import { sodium, TEST_LIMITS } from './helpers.ts';

const SCHOOL_ID = '11111111-2222-4333-8444-555555555555';
const school = generateOrgKeys(sodium);
const PHOTO_R = '0b6f3f4e-1c1d-4a7e-9a8b-000000000001';
const PHOTO_M1 = '0b6f3f4e-1c1d-4a7e-9a8b-000000000002';
const PHOTO_M2 = '0b6f3f4e-1c1d-4a7e-9a8b-000000000003';

const content: ReportContent = {
  v: 1,
  category: 'school',
  about: 'me',
  urgent: false,
  text: 'Zdjęcia z czatu klasowego.',
  grade: null,
  wantsMeeting: false,
  name: null,
  lang: 'pl',
  attachments: [PHOTO_R],
};

function build() {
  const composed = composeReport(
    sodium,
    {
      orgId: SCHOOL_ID,
      orgKeyVersion: 1,
      boxPublicKey: school.boxPublicKey,
      receiptSalt: new Uint8Array(16).fill(7),
    },
    content,
    TEST_LIMITS,
  );
  const { threadKey, reportId } = composed;
  const m1 = composeMessage(sodium, {
    threadKey,
    reportId,
    tip: null,
    content: { v: 1, text: 'Jeszcze jedno.', attachments: [PHOTO_M1] },
    authorRole: 'pupil',
  });
  const m2 = composeMessage(sodium, {
    threadKey,
    reportId,
    tip: { seq: 1, blob: m1.blob },
    content: { v: 1, text: 'I to.', attachments: [PHOTO_M2] },
    authorRole: 'pupil',
  });
  const photo = (id: string, messageId: string | null) =>
    composeAttachment(sodium, {
      threadKey,
      reportId,
      authorRole: 'pupil',
      name: 'zdjecie.jpg',
      type: 'image/jpeg',
      bytes: new Uint8Array([1, 2, 3]),
      id,
      messageId,
    });
  const dto = (a: ComposedAttachment, messageId: string | null) => ({
    id: a.id,
    messageId,
    uploaderRole: 'pupil' as const,
    fileKeyWrapped: toB64(a.fileKeyWrapped),
    meta: toB64(a.meta),
    size: a.data.length,
  });
  const r = photo(PHOTO_R, null);
  const p1 = photo(PHOTO_M1, m1.id);
  const p2 = photo(PHOTO_M2, m2.id);
  const messages = [m1, m2].map((m) => ({
    id: m.id,
    seq: m.seq,
    authorRole: 'pupil' as const,
    blob: toB64(m.blob),
    signature: null,
    author: null,
    createdAt: '2026-11-23T10:00:00.000Z',
  }));
  const thread = (attachments: PupilThreadDto['attachments']): PupilThreadDto => ({
    reportId,
    orgId: SCHOOL_ID,
    orgKeyVersion: 1,
    status: 'new',
    escalated: false,
    cdrOrgId: null,
    repliesPaused: false,
    createdHour: '2026-11-23T10:00:00.000Z',
    body: composed.request.body,
    threadKeyPupil: composed.request.threadKeyPupil,
    messages,
    attachments,
  });
  const open = (attachments: PupilThreadDto['attachments']) =>
    openThread(sodium, threadKey, thread(attachments), [], { school: SCHOOL_ID });
  return { m1, m2, open, honest: [dto(r, null), dto(p1, m1.id), dto(p2, m2.id)], dto, r, p1, p2 };
}

describe('attachment binding', () => {
  const { m1, m2, open, honest, dto, r, p1, p2 } = build();

  it('opens every photo where it belongs, and misses none', () => {
    const opened = open(honest);
    expect(opened.attachments.map((a) => [a.id, a.messageId])).toEqual([
      [PHOTO_R, null],
      [PHOTO_M1, m1.id],
      [PHOTO_M2, m2.id],
    ]);
    expect(opened.missing).toEqual([]);
    expect(opened.attachments[1]?.meta.messageId).toBe(m1.id);
  });

  it('notices a dropped photo of a message and of the report', () => {
    expect(open([dto(r, null), dto(p2, m2.id)]).missing).toEqual([
      { messageId: m1.id, attachmentId: PHOTO_M1 },
    ]);
    expect(open([dto(p1, m1.id), dto(p2, m2.id)]).missing).toEqual([
      { messageId: null, attachmentId: PHOTO_R },
    ]);
  });

  it('refuses a photo moved to another message or between the report and a message', () => {
    const toOther = open([dto(r, null), dto(p1, m2.id), dto(p2, m2.id)]);
    expect(toOther.attachments.map((a) => a.id)).toEqual([PHOTO_R, PHOTO_M2]);
    expect(toOther.missing).toEqual([{ messageId: m1.id, attachmentId: PHOTO_M1 }]);
    const toReport = open([dto(r, null), dto(p1, null), dto(p2, m2.id)]);
    expect(toReport.attachments.map((a) => a.id)).toEqual([PHOTO_R, PHOTO_M2]);
    expect(toReport.missing).toEqual([{ messageId: m1.id, attachmentId: PHOTO_M1 }]);
    const fromReport = open([dto(r, m1.id), dto(p1, m1.id), dto(p2, m2.id)]);
    expect(fromReport.attachments.map((a) => a.id)).toEqual([PHOTO_M1, PHOTO_M2]);
    expect(fromReport.missing).toEqual([{ messageId: null, attachmentId: PHOTO_R }]);
  });
});
