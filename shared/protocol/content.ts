// What is inside the ciphertext: the plaintext JSON of a report, a message and an attachment's
// metadata. The server never sees these; clients validate them after decryption, so a malformed
// (or malicious) item is refused instead of rendered.
import * as v from 'valibot';
import { UuidSchema } from './common.ts';

export const REPORT_CATEGORIES = ['home', 'school', 'online', 'self', 'friend', 'other'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export const CONTENT_LANGS = ['pl', 'uk', 'en'] as const;

export const TEXT_MAX = 8000;
export const NAME_MAX = 100;

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
});
export type ReportContent = v.InferOutput<typeof ReportContentSchema>;

export const MessageContentSchema = v.object({
  v: v.literal(1),
  text: v.pipe(v.string(), v.maxLength(TEXT_MAX)),
});
export type MessageContent = v.InferOutput<typeof MessageContentSchema>;

export const AttachmentMetaSchema = v.object({
  attachmentId: UuidSchema,
  name: v.pipe(v.string(), v.maxLength(200)),
  type: v.pipe(v.string(), v.maxLength(100)),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type AttachmentMeta = v.InferOutput<typeof AttachmentMetaSchema>;
