// Composing what a pupil sends: the report with its keys, thread messages and attachments.
// [Note: report keys] A new report gets a random K_thread. It is sealed to the school's current
// organisation box key (staff open it) and wrapped under the pupil key derived from the receipt
// (the pupil opens it when coming back, context thread-key:<reportId>). The report body, thread
// messages and attachment metadata are items under K_thread; each file has its own key, wrapped
// under K_thread (context file-key:<attachmentId>).
import type { Sodium } from './sodium.ts';
import {
  MessageContentSchema,
  ReportContentSchema,
  type AttachmentMeta,
  type MessageContent,
  type ReportContent,
} from '../protocol/content.ts';
import type { SubmitReport } from '../protocol/pupil.ts';
import { toB64 } from '../envelope/base64url.ts';
import type { AuthorRole } from '../envelope/item-ad.ts';
import { ARGON_INTERACTIVE, type ArgonLimits } from './argon.ts';
import { encryptAttachment, padAttachment } from './attachments.ts';
import { chainHash, GENESIS_HASH } from './chain.ts';
import { readable } from './content-check.ts';
import { newUuid } from './ids.ts';
import { encryptItem } from './items.ts';
import { newKey, sealKey } from './keys.ts';
import { deriveReceiptKeys, generateReceiptCode, type ReceiptKeys } from './receipt.ts';
import { signItem } from './signatures.ts';
import { wrapKey } from './wrap.ts';

export interface SchoolKeys {
  orgId: string;
  /** The version of the verified certificate the box key comes from. */
  orgKeyVersion: number;
  boxPublicKey: Uint8Array;
  receiptSalt: Uint8Array;
}

export interface ComposedReport {
  receiptCode: string;
  reportId: string;
  threadKey: Uint8Array;
  receiptKeys: ReceiptKeys;
  /** Everything POST /api/pupil/reports needs except the proof of work. */
  request: Omit<SubmitReport, 'pow'>;
}

export const threadKeyContext = (reportId: string) => `thread-key:${reportId}`;
export const fileKeyContext = (attachmentId: string) => `file-key:${attachmentId}`;

export function composeReport(
  sodium: Sodium,
  school: SchoolKeys,
  content: ReportContent,
  limits: ArgonLimits = ARGON_INTERACTIVE,
): ComposedReport {
  const receiptCode = generateReceiptCode(sodium);
  const receiptKeys = deriveReceiptKeys(sodium, receiptCode, school.receiptSalt, limits);
  const reportId = newUuid(sodium);
  const threadKey = newKey(sodium);
  const body = encryptItem(sodium, threadKey, readable(ReportContentSchema, content), {
    reportId,
    kind: 'report',
    itemId: reportId,
    authorRole: 'pupil',
  });
  return {
    receiptCode,
    reportId,
    threadKey,
    receiptKeys,
    request: {
      orgId: school.orgId,
      reportId,
      orgKeyVersion: school.orgKeyVersion,
      authKey: toB64(receiptKeys.authKey),
      urgent: content.urgent,
      body: toB64(body),
      threadKeySealed: toB64(sealKey(sodium, threadKey, school.boxPublicKey)),
      threadKeyPupil: toB64(
        wrapKey(sodium, threadKey, receiptKeys.pupilKey, threadKeyContext(reportId)),
      ),
    },
  };
}

/** The last message of a thread, which the next one chains to; null for an empty thread. */
export interface ChainTip {
  seq: number;
  blob: Uint8Array;
}

export interface ComposedMessage {
  id: string;
  seq: number;
  blob: Uint8Array;
  /** Staff authors sign their messages ([Note: member endorsement]); null for the pupil. */
  signature: Uint8Array | null;
}

export function composeMessage(
  sodium: Sodium,
  args: {
    threadKey: Uint8Array;
    reportId: string;
    tip: ChainTip | null;
    content: MessageContent;
    authorRole: AuthorRole;
    signSecretKey?: Uint8Array;
  },
): ComposedMessage {
  const id = newUuid(sodium);
  const seq = (args.tip?.seq ?? 0) + 1;
  const prevHash = args.tip ? chainHash(sodium, args.tip.blob) : GENESIS_HASH;
  const ad = {
    reportId: args.reportId,
    kind: 'message' as const,
    itemId: id,
    authorRole: args.authorRole,
    seq,
    prevHash,
  };
  const content = readable(MessageContentSchema, args.content);
  const blob = encryptItem(sodium, args.threadKey, content, ad);
  const signature = args.signSecretKey ? signItem(sodium, args.signSecretKey, blob, ad) : null;
  return { id, seq, blob, signature };
}

export interface ComposedAttachment {
  id: string;
  fileKeyWrapped: Uint8Array;
  meta: Uint8Array;
  data: Uint8Array;
}

export function composeAttachment(
  sodium: Sodium,
  args: {
    threadKey: Uint8Array;
    reportId: string;
    authorRole: AuthorRole;
    name: string;
    type: string;
    bytes: Uint8Array;
    /** Chosen beforehand when the report or message lists it [Note: attachment binding]. */
    id?: string;
    /** The message it goes with; null or absent: the report. */
    messageId?: string | null;
  },
): ComposedAttachment {
  const id = args.id ?? newUuid(sodium);
  const fileKey = newKey(sodium);
  const meta: AttachmentMeta = {
    attachmentId: id,
    messageId: args.messageId ?? null,
    name: args.name,
    type: args.type,
    size: args.bytes.length,
  };
  return {
    id,
    fileKeyWrapped: wrapKey(sodium, fileKey, args.threadKey, fileKeyContext(id)),
    meta: encryptItem(sodium, args.threadKey, meta, {
      reportId: args.reportId,
      kind: 'attachment-meta',
      itemId: id,
      authorRole: args.authorRole,
    }),
    data: encryptAttachment(sodium, fileKey, padAttachment(args.bytes)),
  };
}
