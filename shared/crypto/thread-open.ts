// Opening a report thread as the pupil sees it (and, with K_thread from the org key, as staff do):
// K_thread from the pupil key, the report body, every message with the chain checked
// ([Note: message chain]) and staff signatures verified against endorsed member keys
// ([Note: member endorsement]), and the attachments' metadata and keys. Anything that does not
// verify throws: the app shows an error, never a message it cannot vouch for.
import * as v from 'valibot';
import type { Sodium } from './sodium.ts';
import {
  AttachmentMetaSchema,
  MessageContentSchema,
  ReportContentSchema,
  type AttachmentMeta,
  type MessageContent,
  type ReportContent,
} from '../protocol/content.ts';
import type { PupilThreadDto } from '../protocol/pupil.ts';
import { fromB64 } from '../envelope/base64url.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { decryptAttachment, unpadAttachment } from './attachments.ts';
import { chainHash, GENESIS_HASH } from './chain.ts';
import { verifyMemberEndorsement } from './endorsement.ts';
import { decryptItem } from './items.ts';
import { fileKeyContext, threadKeyContext, type ChainTip } from './report-compose.ts';
import { verifyItem } from './signatures.ts';
import { unwrapKey } from './wrap.ts';

export interface OpenedMessage {
  id: string;
  seq: number;
  authorRole: 'pupil' | 'counsellor' | 'cdr';
  content: MessageContent;
  createdAt: string;
}

export interface OpenedAttachment {
  id: string;
  messageId: string | null;
  uploaderRole: 'pupil' | 'counsellor' | 'cdr';
  meta: AttachmentMeta;
  fileKey: Uint8Array;
}

export interface OpenedThread {
  threadKey: Uint8Array;
  report: ReportContent;
  messages: OpenedMessage[];
  /** Only those where the server put them: a moved one is left out and counted in `missing`. */
  attachments: OpenedAttachment[];
  /** Attachments the report (messageId null) or a message lists that the server did not serve
   * where they belong: dropped, or moved elsewhere [Note: attachment binding]. */
  missing: { messageId: string | null; attachmentId: string }[];
  tip: ChainTip | null;
}

function parse<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new CryptoError('malformed', 'decrypted content has the wrong shape');
  return result.output;
}

/**
 * Sign keys of verified certificates that staff authors must be endorsed by: one list for every
 * author, or, better, per organisation, so a CdR key cannot vouch for a "school" author.
 */
export type SignerKeys =
  readonly Uint8Array[] | { school: readonly Uint8Array[]; cdr?: readonly Uint8Array[] };

function signKeysFor(keys: SignerKeys, role: 'counsellor' | 'cdr'): readonly Uint8Array[] {
  if (Array.isArray(keys)) return keys;
  const byOrg = keys as { school: readonly Uint8Array[]; cdr?: readonly Uint8Array[] };
  return role === 'cdr' ? (byOrg.cdr ?? []) : byOrg.school;
}

/**
 * A chain of messages under one key ([Note: message chain]): the pupil thread under K_thread, or
 * the CdR–school thread under K_esc. Staff messages must be signed by an endorsed member.
 */
export function openMessages(
  sodium: Sodium,
  key: Uint8Array,
  reportId: string,
  items: readonly PupilThreadDto['messages'][number][],
  signers: SignerKeys,
  orgIds: { school: string; cdr?: string },
): { messages: OpenedMessage[]; tip: ChainTip | null } {
  let prevHash = GENESIS_HASH;
  let tip: ChainTip | null = null;
  const messages = items.map((m, index): OpenedMessage => {
    if (m.seq !== index + 1)
      throw new CryptoError('decrypt_failed', `chain: expected seq ${index + 1}, got ${m.seq}`);
    const blob = fromB64(m.blob);
    const ad = {
      reportId,
      kind: 'message' as const,
      itemId: m.id,
      authorRole: m.authorRole,
      seq: m.seq,
      prevHash,
    };
    const content = parse(MessageContentSchema, decryptItem(sodium, key, blob, ad));
    if (m.authorRole !== 'pupil') {
      if (!m.signature || !m.author?.endorsement)
        throw new CryptoError('bad_signature', 'unsigned staff message');
      const orgId = m.authorRole === 'cdr' ? orgIds.cdr : orgIds.school;
      if (!orgId) throw new CryptoError('bad_signature', 'no organisation for this author');
      verifyMemberEndorsement(
        sodium,
        signKeysFor(signers, m.authorRole),
        { orgId, ...endorsedKeys(m.author) },
        fromB64(m.author.endorsement),
      );
      verifyItem(sodium, fromB64(m.author.signPublicKey), fromB64(m.signature), blob, ad);
    }
    prevHash = chainHash(sodium, blob);
    tip = { seq: m.seq, blob };
    return { id: m.id, seq: m.seq, authorRole: m.authorRole, content, createdAt: m.createdAt };
  });
  return { messages, tip };
}

export function openThread(
  sodium: Sodium,
  threadKey: Uint8Array,
  thread: Pick<PupilThreadDto, 'reportId' | 'body' | 'messages' | 'attachments'>,
  orgSignPublicKeys: SignerKeys,
  orgIds: { school: string; cdr?: string },
): OpenedThread {
  const reportId = thread.reportId;
  const report = parse(
    ReportContentSchema,
    decryptItem(sodium, threadKey, fromB64(thread.body), {
      reportId,
      kind: 'report',
      itemId: reportId,
      authorRole: 'pupil',
    }),
  );
  const { messages, tip } = openMessages(
    sodium,
    threadKey,
    reportId,
    thread.messages,
    orgSignPublicKeys,
    orgIds,
  );
  const served = openAttachments(sodium, threadKey, reportId, thread.attachments);
  return { threadKey, report, messages, tip, ...bindAttachments(report, messages, served) };
}

/** The attachments' metadata and per-file keys, under K_thread. */
export function openAttachments(
  sodium: Sodium,
  threadKey: Uint8Array,
  reportId: string,
  items: readonly PupilThreadDto['attachments'][number][],
): OpenedAttachment[] {
  return items.map((a): OpenedAttachment => {
    const meta = parse(
      AttachmentMetaSchema,
      decryptItem(sodium, threadKey, fromB64(a.meta), {
        reportId,
        kind: 'attachment-meta',
        itemId: a.id,
        authorRole: a.uploaderRole,
      }),
    );
    if (meta.attachmentId !== a.id)
      throw new CryptoError('malformed', 'attachment metadata of another file');
    const fileKey = unwrapKey(sodium, fromB64(a.fileKeyWrapped), threadKey, fileKeyContext(a.id));
    return { id: a.id, messageId: a.messageId, uploaderRole: a.uploaderRole, meta, fileKey };
  });
}

/** The attachment's sealed metadata names the message the server filed it under (or none). */
export const isBound = (a: OpenedAttachment): boolean => (a.meta.messageId ?? null) === a.messageId;

/** [Note: attachment binding] Keeps the attachments served where their metadata says they go,
 * and names each listed one that is not among them. */
export function bindAttachments(
  report: ReportContent,
  messages: readonly OpenedMessage[],
  served: readonly OpenedAttachment[],
): Pick<OpenedThread, 'attachments' | 'missing'> {
  const attachments = served.filter(isBound);
  const present = new Set(attachments.map((a) => `${a.messageId ?? ''}/${a.id}`));
  const missing: OpenedThread['missing'] = [];
  const lists: [string | null, readonly string[] | undefined][] = [
    [null, report.attachments],
    ...messages.map((m): [string, readonly string[] | undefined] => [m.id, m.content.attachments]),
  ];
  for (const [messageId, ids] of lists) {
    for (const id of ids ?? []) {
      if (!present.has(`${messageId ?? ''}/${id.toLowerCase()}`)) {
        missing.push({ messageId, attachmentId: id.toLowerCase() });
      }
    }
  }
  return { attachments, missing };
}

function endorsedKeys(author: { signPublicKey: string; boxPublicKey: string }) {
  return {
    boxPublicKey: fromB64(author.boxPublicKey),
    signPublicKey: fromB64(author.signPublicKey),
  };
}

export function openThreadKey(
  sodium: Sodium,
  pupilKey: Uint8Array,
  thread: PupilThreadDto,
): Uint8Array {
  return unwrapKey(
    sodium,
    fromB64(thread.threadKeyPupil),
    pupilKey,
    threadKeyContext(thread.reportId),
  );
}

export function openAttachmentData(
  sodium: Sodium,
  attachment: OpenedAttachment,
  data: Uint8Array,
): Uint8Array {
  const plain = decryptAttachment(sodium, attachment.fileKey, data);
  return unpadAttachment(plain, attachment.meta.size);
}
