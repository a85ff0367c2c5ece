// The pupil's cryptographic operations, run in the pupil's Web Worker (pupil-worker.ts), so
// Argon2id, proof of work and encryption never freeze the page on a cheap tablet. Every input and
// output is structured-clonable; no state is kept here between calls.
import {
  composeAttachment,
  composeMessage,
  composeReport,
  deriveReceiptKeys,
  fromB64,
  openThread,
  openThreadKey,
  solvePowRange,
  type ChainTip,
  type SchoolKeys,
  type SignerKeys,
} from '../../shared/crypto/index.ts';
import type { MessageContent, ReportContent } from '../../shared/protocol/content.ts';
import type { PupilThreadDto } from '../../shared/protocol/pupil.ts';
import { loadSodium } from './sodium.ts';

export async function prepareReport(school: SchoolKeys, content: ReportContent) {
  return composeReport(await loadSodium(), school, content);
}

/** Tries `count` nonces from `from`: the answer, or null (the page shows progress and asks on). */
export async function answerChallengeSlice(
  challenge: string,
  bits: number,
  from: number,
  count: number,
): Promise<string | null> {
  return solvePowRange(challenge, bits, from, count);
}

export async function deriveReceipt(code: string, receiptSalt: string) {
  return deriveReceiptKeys(await loadSodium(), code, fromB64(receiptSalt));
}

export async function openPupilThread(
  pupilKey: Uint8Array,
  thread: PupilThreadDto,
  orgSignPublicKeys: SignerKeys,
  orgIds: { school: string; cdr?: string },
) {
  const sodium = await loadSodium();
  const threadKey = openThreadKey(sodium, pupilKey, thread);
  return openThread(sodium, threadKey, thread, orgSignPublicKeys, orgIds);
}

export async function preparePupilMessage(
  threadKey: Uint8Array,
  reportId: string,
  tip: ChainTip | null,
  content: MessageContent,
) {
  return composeMessage(await loadSodium(), {
    threadKey,
    reportId,
    tip,
    content,
    authorRole: 'pupil',
  });
}

export async function preparePupilAttachment(
  threadKey: Uint8Array,
  reportId: string,
  file: { id: string; name: string; type: string; bytes: Uint8Array },
  messageId: string | null,
) {
  return composeAttachment(await loadSodium(), {
    threadKey,
    reportId,
    authorRole: 'pupil',
    id: file.id,
    name: file.name,
    type: file.type,
    bytes: file.bytes,
    messageId,
  });
}
