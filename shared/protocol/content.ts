// What is inside the ciphertext: the plaintext JSON of a report, a message and an attachment's
// metadata. The server never sees these; clients validate them after decryption, so a malformed
// (or malicious) item is refused instead of rendered.
import * as v from 'valibot';
import { UuidSchema } from './common.ts';

import { CONTENT_LANGS, NAME_MAX, REPORT_CATEGORIES, TEXT_MAX } from './content-limits.ts';

export {
  CONTENT_LANGS,
  NAME_MAX,
  REPORT_CATEGORIES,
  TEXT_MAX,
  type ReportCategory,
} from './content-limits.ts';

/**
 * [Note: attachment binding] The ids of the attachments that go with a report (its photos) or a
 * message, inside its ciphertext: the report is bound to its id by the AEAD, the message to its
 * place by the chain, so a server that drops a listed photo is caught (the apps show a notice in
 * its place). Each attachment's encrypted metadata names its message (null: the report), so a
 * photo the server moves to another message, or between a message and the report, is refused.
 * Absent lists mean none (items written before this); an absent messageId means the report.
 */
export const AttachmentIdsSchema = v.optional(v.pipe(v.array(UuidSchema), v.maxLength(10)));

export const ReportContentSchema = v.object({
  v: v.literal(1),
  category: v.picklist(REPORT_CATEGORIES),
  about: v.picklist(['me', 'someone_else']),
  urgent: v.boolean(),
  text: v.pipe(v.string(), v.maxLength(TEXT_MAX)),
  grade: v.nullable(v.pipe(v.string(), v.maxLength(20))),
  wantsMeeting: v.boolean(),
  name: v.nullable(v.pipe(v.string(), v.maxLength(NAME_MAX))),
  lang: v.picklist(CONTENT_LANGS),
  attachments: AttachmentIdsSchema,
});
export type ReportContent = v.InferOutput<typeof ReportContentSchema>;

export const MessageContentSchema = v.object({
  v: v.literal(1),
  text: v.pipe(v.string(), v.maxLength(TEXT_MAX)),
  attachments: AttachmentIdsSchema,
});
export type MessageContent = v.InferOutput<typeof MessageContentSchema>;

export const AttachmentMetaSchema = v.object({
  attachmentId: UuidSchema,
  /** The message it goes with, null for the report [Note: attachment binding]. */
  messageId: v.optional(v.nullable(UuidSchema)),
  name: v.pipe(v.string(), v.maxLength(200)),
  type: v.pipe(v.string(), v.maxLength(100)),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type AttachmentMeta = v.InferOutput<typeof AttachmentMetaSchema>;
