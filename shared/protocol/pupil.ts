// The pupil API: proof-of-work challenges, sending a report, coming back with the receipt, the
// conversation and attachments. Every byte field is base64url; the server checks lengths and
// shapes only, it cannot read any of it (docs/protocol.md).
import * as v from 'valibot';
import { B64Schema, UuidSchema } from './common.ts';

/** Exactly n bytes of base64url. */
export const B64Bytes = (n: number) =>
  v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]*$/, 'must be base64url'),
    v.length(Math.ceil((n * 4) / 3), `must be ${n} bytes`),
  );

/** Limits the server enforces on pupil input (and the client respects before sending). */
export const PUPIL_LIMITS = {
  /** A padded, encrypted report body or message. */
  itemBytes: 64 * 1024,
  /** One encrypted attachment stream. */
  attachmentBytes: 10 * 1024 * 1024,
  attachmentsPerReport: 10,
  messagesPerReport: 500,
} as const;

export const PowAnswerSchema = v.object({
  /** The token from POST /api/pupil/challenges. */
  challenge: B64Bytes(59),
  /** 8 bytes such that SHA-256(token || nonce) has the required leading zero bits. */
  nonce: B64Bytes(8),
});

export const ChallengeRequestSchema = v.object({
  orgId: UuidSchema,
  purpose: v.picklist(['report', 'receipt'], 'must be report or receipt'),
});
export type ChallengeRequest = v.InferOutput<typeof ChallengeRequestSchema>;

export interface ChallengeDto {
  challenge: string;
  /** Leading zero bits the answer must have. */
  bits: number;
  /** Bits above the normal difficulty because the school is busy (0 normally). */
  level: number;
  expiresAt: string;
}

export const SubmitReportSchema = v.object({
  pow: PowAnswerSchema,
  orgId: UuidSchema,
  /** Chosen by the client: the report id is bound into every item's associated data. */
  reportId: UuidSchema,
  /** Version of the school's organisation key that threadKeySealed is sealed to. */
  orgKeyVersion: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 31 - 1)),
  /** The receipt's authKey; the server keeps only its SHA-256. */
  authKey: B64Bytes(32),
  /** "I need help now": the only content-derived field the server sees. */
  urgent: v.boolean(),
  /** Report body: encryptItem under K_thread (kind report, author pupil). */
  body: B64Schema(PUPIL_LIMITS.itemBytes),
  /** K_thread sealed to the school's org box key (sealKey: 1 + 48 + 32 bytes). */
  threadKeySealed: B64Bytes(81),
  /** K_thread wrapped under the pupil key (wrapKey: 73 bytes). */
  threadKeyPupil: B64Bytes(73),
});
export type SubmitReport = v.InferOutput<typeof SubmitReportSchema>;

/** A pupil session: a bearer token kept in memory only, valid for a short idle time. */
export interface PupilSessionDto {
  token: string;
  expiresAt: string;
}

export const OpenReceiptSchema = v.object({
  pow: PowAnswerSchema,
  orgId: UuidSchema,
  authKey: B64Bytes(32),
});
export type OpenReceipt = v.InferOutput<typeof OpenReceiptSchema>;

export type PupilReportStatus = 'new' | 'in_progress' | 'waiting_for_pupil' | 'closed';

export interface ThreadMessageDto {
  id: string;
  seq: number;
  authorRole: 'pupil' | 'counsellor' | 'cdr';
  blob: string;
  /** Ed25519 signature of a staff author (signItem), null for the pupil. */
  signature: string | null;
  /**
   * A staff author's public keys and its organisation's endorsement of them (staff.org_endorsement,
   * [Note: member endorsement]); null for the pupil.
   */
  author: { signPublicKey: string; boxPublicKey: string; endorsement: string | null } | null;
  createdAt: string;
}

export interface ThreadAttachmentDto {
  id: string;
  messageId: string | null;
  uploaderRole: 'pupil' | 'counsellor' | 'cdr';
  /** The per-file key wrapped under K_thread (context file-key:<id>). */
  fileKeyWrapped: string;
  /** attachment-meta item under K_thread. */
  meta: string;
  size: number;
}

export interface PupilThreadDto {
  reportId: string;
  orgId: string;
  orgKeyVersion: number;
  status: PupilReportStatus;
  /** A CdR specialist is helping too (the case was escalated). */
  escalated: boolean;
  /** The CdR the conversation was handed over to (its specialists may write here); else null. */
  cdrOrgId: string | null;
  repliesPaused: boolean;
  createdHour: string;
  body: string;
  threadKeyPupil: string;
  messages: ThreadMessageDto[];
  attachments: ThreadAttachmentDto[];
}

export interface OpenReceiptDto {
  session: PupilSessionDto;
  thread: PupilThreadDto;
}

export interface SubmitReportDto {
  reportId: string;
  session: PupilSessionDto;
}

export const PostMessageSchema = v.object({
  id: UuidSchema,
  /** Next in the pupil thread: the last seq + 1 (1 for the first). */
  seq: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(PUPIL_LIMITS.messagesPerReport)),
  /** encryptItem under K_thread, kind message, author pupil, with seq and prevHash in the AD. */
  blob: B64Schema(PUPIL_LIMITS.itemBytes),
});
export type PostMessage = v.InferOutput<typeof PostMessageSchema>;

/** Multipart form fields of POST /api/pupil/attachments (the file itself is the field "data"). */
export const AttachmentFormSchema = v.object({
  id: UuidSchema,
  messageId: v.optional(UuidSchema),
  fileKeyWrapped: B64Bytes(73),
  meta: B64Schema(4096),
});

export const AttachmentParamsSchema = v.object({ id: UuidSchema });
