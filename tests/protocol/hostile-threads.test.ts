// The malicious server's tampering (tests/tools/hostile-server.ts) against the shared client code
// directly, for what the browser tests cannot stage on the shared demo instance: the thread
// between the CdR and the school under K_esc, with a counsellor endorsed by the school and a
// specialist endorsed by the CdR. Every rearrangement is refused by the chain and signatures,
// except withholding the newest message, which only a client's memory catches [Note: tail cut].
import { describe, expect, it } from 'vitest';
import {
  composeMessage,
  CryptoError,
  endorseMember,
  generateOrgKeys,
  generatePersonalKeys,
  newKey,
  openMessages,
  toB64,
  type AuthorRole,
  type ChainTip,
  type PersonalKeys,
} from '../../shared/crypto/index.ts';
import type { ThreadMessageDto } from '../../shared/protocol/pupil.ts';
import { checkNoTailCut, forgetTips } from '../../web/common/seen-tips.ts';
import { dropNewest, THREAD_TAMPERING } from '../tools/hostile-server.ts';
import { sodium } from './helpers.ts';

const SCHOOL = '11111111-2222-4333-8444-555555555555';
const CDR = '11111111-2222-4333-8444-666666666666';
const REPORT = '0b6f1c1e-6a57-4d1b-9d43-2b1f1a6d2c11';
const school = generateOrgKeys(sodium);
const cdr = generateOrgKeys(sodium);
const counsellor = generatePersonalKeys(sodium);
const specialist = generatePersonalKeys(sodium);
const escKey = newKey(sodium);
const signers = { school: [school.signPublicKey], cdr: [cdr.signPublicKey] };
const orgIds = { school: SCHOOL, cdr: CDR };

function author(keys: PersonalKeys, orgId: string, orgSignSecretKey: Uint8Array) {
  return {
    signPublicKey: toB64(keys.signPublicKey),
    boxPublicKey: toB64(keys.boxPublicKey),
    endorsement: toB64(endorseMember(sodium, orgSignSecretKey, { orgId, ...keys })),
  };
}

/** The CdR–school thread as the server stores and serves it. */
function escalationThread(): ThreadMessageDto[] {
  const writers: [AuthorRole & ('counsellor' | 'cdr'), PersonalKeys, string, Uint8Array][] = [
    ['counsellor', counsellor, SCHOOL, school.signSecretKey],
    ['cdr', specialist, CDR, cdr.signSecretKey],
    ['counsellor', counsellor, SCHOOL, school.signSecretKey],
    ['cdr', specialist, CDR, cdr.signSecretKey],
  ];
  const out: ThreadMessageDto[] = [];
  let tip: ChainTip | null = null;
  for (const [i, [role, keys, orgId, orgSecret]] of writers.entries()) {
    const m = composeMessage(sodium, {
      threadKey: escKey,
      reportId: REPORT,
      tip,
      content: { v: 1, text: `message ${i + 1}` },
      authorRole: role,
      signSecretKey: keys.signSecretKey,
    });
    tip = { seq: m.seq, blob: m.blob };
    out.push({
      id: m.id,
      seq: m.seq,
      authorRole: role,
      blob: toB64(m.blob),
      signature: toB64(m.signature ?? new Uint8Array()),
      author: author(keys, orgId, orgSecret),
      createdAt: '2026-11-23T10:00:00.000Z',
    });
  }
  return out;
}

const open = (messages: ThreadMessageDto[]) =>
  openMessages(sodium, escKey, REPORT, messages, signers, orgIds);

describe('a malicious server and the CdR–school thread', () => {
  const genuine = escalationThread();

  it('opens the genuine thread, each author endorsed by their own organisation', () => {
    expect(open(genuine).messages.map((m) => m.content.text)).toEqual([
      'message 1',
      'message 2',
      'message 3',
      'message 4',
    ]);
  });

  it.each(Object.entries(THREAD_TAMPERING))('refuses %s', (_name, tamper) => {
    expect(() => open(tamper(genuine))).toThrow(CryptoError);
  });

  it('refuses a CdR message that no CdR certificate vouches for', () => {
    const only = (cdrKeys: Uint8Array[]) =>
      openMessages(
        sodium,
        escKey,
        REPORT,
        genuine,
        { school: signers.school, cdr: cdrKeys },
        orgIds,
      );
    expect(() => only([])).toThrow(CryptoError);
    // The school's own key cannot vouch for a CdR author either.
    expect(() => only([school.signPublicKey])).toThrow(CryptoError);
  });

  it('cannot see the newest message withheld, which the page’s memory refuses', () => {
    forgetTips();
    const thread = `esc:${REPORT}`;
    checkNoTailCut(thread, open(genuine).messages);
    const cut = open(dropNewest(genuine)).messages;
    expect(cut).toHaveLength(3);
    expect(() => checkNoTailCut(thread, cut)).toThrow(/withheld/);
    // A longer thread that still holds what was shown is fine, and becomes the new memory.
    const more = escalationThread();
    forgetTips();
    checkNoTailCut(thread, open(more.slice(0, 2)).messages);
    checkNoTailCut(thread, open(more).messages);
    expect(() => checkNoTailCut(thread, open(more.slice(0, 3)).messages)).toThrow(/withheld/);
    // Another thread of the same length in place of the one shown is refused too.
    expect(() => checkNoTailCut(thread, open(genuine).messages)).toThrow(/withheld/);
    forgetTips();
  });
});
