// The pupil's composition and the thread opening, as a browser and a staff client use them.
import { describe, expect, it } from 'vitest';
import {
  composeAttachment,
  composeMessage,
  composeReport,
  endorseMember,
  fromB64,
  generateOrgKeys,
  generatePersonalKeys,
  openAttachmentData,
  openSealedKey,
  openThread,
  openThreadKey,
  solvePow,
  solvePowRange,
  toB64,
  type ComposedMessage,
} from '../../shared/crypto/index.ts';
import { leadingZeroBits, powInput, powNonce } from '../../shared/envelope/pow.ts';
import type { ReportContent } from '../../shared/protocol/content.ts';
import type { PupilThreadDto, ThreadMessageDto } from '../../shared/protocol/pupil.ts';
import { expectCode, sodium, TEST_LIMITS } from './helpers.ts';

const SCHOOL_ID = '11111111-2222-4333-8444-555555555555';
const CDR_ID = '11111111-2222-4333-8444-666666666666';
const school = generateOrgKeys(sodium);
const otherOrg = generateOrgKeys(sodium);
const counsellor = generatePersonalKeys(sodium);
const content: ReportContent = {
  v: 1,
  category: 'home',
  about: 'me',
  urgent: true,
  text: 'Tata krzyczy. Boję się wracać do domu.',
  grade: '3',
  wantsMeeting: true,
  name: null,
  lang: 'pl',
};

function submitted() {
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
  const thread: PupilThreadDto = {
    reportId: composed.reportId,
    orgId: SCHOOL_ID,
    orgKeyVersion: 1,
    status: 'new',
    escalated: false,
    cdrOrgId: null,
    repliesPaused: false,
    createdHour: '2026-11-23T10:00:00.000Z',
    body: composed.request.body,
    threadKeyPupil: composed.request.threadKeyPupil,
    messages: [],
    attachments: [],
  };
  return { composed, thread };
}

function asDto(
  m: ComposedMessage,
  role: ThreadMessageDto['authorRole'],
  endorsement?: Uint8Array,
): ThreadMessageDto {
  return {
    id: m.id,
    seq: m.seq,
    authorRole: role,
    blob: toB64(m.blob),
    signature: m.signature ? toB64(m.signature) : null,
    author:
      role === 'pupil'
        ? null
        : {
            signPublicKey: toB64(counsellor.signPublicKey),
            boxPublicKey: toB64(counsellor.boxPublicKey),
            endorsement: endorsement ? toB64(endorsement) : null,
          },
    createdAt: '2026-11-23T10:00:00.000Z',
  };
}

describe('a report from the pupil to the school and back', () => {
  const { composed, thread } = submitted();
  const endorsement = endorseMember(sodium, school.signSecretKey, {
    orgId: SCHOOL_ID,
    ...counsellor,
  });
  const staffThreadKey = openSealedKey(
    sodium,
    fromB64(composed.request.threadKeySealed),
    school.boxPublicKey,
    school.boxSecretKey,
  );
  const reply = composeMessage(sodium, {
    threadKey: staffThreadKey,
    reportId: composed.reportId,
    tip: null,
    content: { v: 1, text: 'Dziękuję, że napisałeś. Jestem tu.' },
    authorRole: 'counsellor',
    signSecretKey: counsellor.signSecretKey,
  });
  const answer = composeMessage(sodium, {
    threadKey: composed.threadKey,
    reportId: composed.reportId,
    tip: { seq: reply.seq, blob: reply.blob },
    content: { v: 1, text: 'Dobrze.' },
    authorRole: 'pupil',
  });
  const full = {
    ...thread,
    messages: [asDto(reply, 'counsellor', endorsement), asDto(answer, 'pupil')],
  };

  it('gives a 16-digit receipt and the staff and the pupil the same thread key', () => {
    expect(composed.receiptCode).toMatch(/^\d{16}$/);
    expect(staffThreadKey).toEqual(composed.threadKey);
    expect(openThreadKey(sodium, composed.receiptKeys.pupilKey, thread)).toEqual(
      composed.threadKey,
    );
  });

  it('opens the report and a verified conversation', () => {
    const opened = openThread(sodium, composed.threadKey, full, [school.signPublicKey], {
      school: SCHOOL_ID,
    });
    expect(opened.report).toEqual(content);
    expect(opened.messages.map((m) => [m.seq, m.authorRole, m.content.text])).toEqual([
      [1, 'counsellor', 'Dziękuję, że napisałeś. Jestem tu.'],
      [2, 'pupil', 'Dobrze.'],
    ]);
    expect(opened.tip?.seq).toBe(2);
  });

  it('refuses dropped, reordered and relabelled messages', () => {
    const open = (messages: ThreadMessageDto[]) => () =>
      openThread(sodium, composed.threadKey, { ...full, messages }, [school.signPublicKey], {
        school: SCHOOL_ID,
      });
    const [first, second] = full.messages as [ThreadMessageDto, ThreadMessageDto];
    expectCode(open([second]), 'decrypt_failed');
    expectCode(
      open([
        { ...second, seq: 1 },
        { ...first, seq: 2 },
      ]),
      'decrypt_failed',
    );
    expectCode(open([first, { ...second, authorRole: 'counsellor' }]), 'decrypt_failed');
    expectCode(
      open([{ ...first, authorRole: 'pupil', signature: null, author: null }, second]),
      'decrypt_failed',
    );
  });

  it('refuses a staff message that is unsigned, unendorsed or endorsed by another organisation', () => {
    const open = (m: ThreadMessageDto) => () =>
      openThread(sodium, composed.threadKey, { ...full, messages: [m] }, [school.signPublicKey], {
        school: SCHOOL_ID,
      });
    const first = full.messages[0] as ThreadMessageDto;
    expectCode(open({ ...first, signature: null }), 'bad_signature');
    expectCode(
      open({ ...first, author: { ...first.author!, endorsement: null } }),
      'bad_signature',
    );
    const foreign = endorseMember(sodium, otherOrg.signSecretKey, {
      orgId: SCHOOL_ID,
      ...counsellor,
    });
    expectCode(
      open({ ...first, author: { ...first.author!, endorsement: toB64(foreign) } }),
      'bad_signature',
    );
    const forCdr = endorseMember(sodium, school.signSecretKey, { orgId: CDR_ID, ...counsellor });
    expectCode(
      open({ ...first, author: { ...first.author!, endorsement: toB64(forCdr) } }),
      'bad_signature',
    );
  });

  it('round-trips an attachment with its metadata', () => {
    const bytes = new Uint8Array(150_000).map((_, i) => i % 251);
    const a = composeAttachment(sodium, {
      threadKey: composed.threadKey,
      reportId: composed.reportId,
      authorRole: 'pupil',
      name: 'zdjecie.jpg',
      type: 'image/jpeg',
      bytes,
    });
    const withAttachment = {
      ...thread,
      attachments: [
        {
          id: a.id,
          messageId: null,
          uploaderRole: 'pupil' as const,
          fileKeyWrapped: toB64(a.fileKeyWrapped),
          meta: toB64(a.meta),
          size: a.data.length,
        },
      ],
    };
    const opened = openThread(sodium, composed.threadKey, withAttachment, [], {
      school: SCHOOL_ID,
    });
    const [att] = opened.attachments;
    expect(att?.meta).toMatchObject({ name: 'zdjecie.jpg', type: 'image/jpeg', size: 150_000 });
    expect(openAttachmentData(sodium, att!, a.data)).toEqual(bytes);
    const moved = { ...withAttachment.attachments[0]!, uploaderRole: 'counsellor' as const };
    expectCode(
      () =>
        openThread(sodium, composed.threadKey, { ...thread, attachments: [moved] }, [], {
          school: SCHOOL_ID,
        }),
      'decrypt_failed',
    );
  });
});

describe('proof of work', () => {
  it('finds a nonce with the required leading zero bits', () => {
    const token = sodium.randombytes_buf(59);
    const nonce = solvePow(toB64(token), 10);
    expect(
      leadingZeroBits(sodium.crypto_hash_sha256(powInput(token, fromB64(nonce)))),
    ).toBeGreaterThanOrEqual(10);
  });

  it('finds the first nonce SHA-256 agrees on, on both sides of a first-block change', () => {
    const token = sodium.randombytes_buf(59);
    const challenge = toB64(token);
    const zeros = (counter: number) =>
      leadingZeroBits(sodium.crypto_hash_sha256(powInput(token, powNonce(counter))));
    const brute = (from: number, end: number, bits: number) => {
      for (let c = from; c < end; c++) if (zeros(c) >= bits) return toB64(powNonce(c));
      return null;
    };
    // The nonce's top five bytes are in the first block: they change at 2^24 and 2^32.
    for (const edge of [0, 2 ** 24, 2 ** 32 + 2 ** 24]) {
      const end = edge + 256;
      for (let from = Math.max(0, edge - 256); from < end;) {
        const found = solvePowRange(challenge, 3, from, end - from);
        expect(found).toBe(brute(from, end, 3));
        if (!found) break;
        const nonce = fromB64(found);
        from = Number(new DataView(nonce.buffer, nonce.byteOffset, 8).getBigUint64(0)) + 1;
      }
    }
    expect(solvePowRange(challenge, 32, 0, 100)).toBeNull();
  });

  it('refuses what is not a challenge', () => {
    expectCode(() => solvePow('AAAA', 4), 'malformed');
    expectCode(() => solvePow(toB64(new Uint8Array(59)), 40), 'malformed');
  });

  it('counts leading zero bits', () => {
    expect(leadingZeroBits(new Uint8Array([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(new Uint8Array([0, 0x01]))).toBe(15);
    expect(leadingZeroBits(new Uint8Array([0xff]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array(2))).toBe(16);
  });
});
