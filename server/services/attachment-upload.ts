// Storing an uploaded attachment, for the pupil's and the staff's upload alike: the same form,
// the same limits, the same checks; only who uploads and when differ.
//
// [Note: upload budgets] An upload is never held whole in memory: the multipart body is read as
// it arrives (services/multipart-stream.ts), the encrypted stream goes to a 0600 file in a
// staging directory, and one short transaction copies it into chunk rows [Note: attachment
// chunks] and deletes the file. What would be refused is refused before the body is read: a
// Content-Length over the limit, too many uploads at once (per process and per report), a report
// with its ten attachments, a report's or a school's storage budget that the declared length
// would pass. While reading, the bytes are counted and the upload stops at the limit; the
// transaction checks the count and both budgets again on the exact size, under the report's row
// lock (and, on PostgreSQL, a per-school advisory lock), so concurrent uploads cannot overshoot.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { AttachmentFormSchema, PUPIL_LIMITS } from '../../shared/protocol/pupil.ts';
import type { Db, Trx } from '../db/database.ts';
import type { Writer } from '../db/group-commit.ts';
import type { DialectName } from '../db/dialect.ts';
import { isUniqueViolation } from '../db/constraint.ts';
import {
  attachmentExists,
  countAttachments,
  insertAttachment,
  insertAttachmentChunk,
  lockSchoolStorage,
  readAttachmentChunk,
  reportStorageUsed,
  schoolStorageUsed,
} from '../db/repositories/attachments.ts';
import { findMessage } from '../db/repositories/messages.ts';
import type { AuthorRole } from '../db/tables/reports.ts';
import { ApiError, notFound, RateLimitError } from '../errors.ts';
import { multipartBoundary, readMultipart, tooLarge } from './multipart-stream.ts';
import { decodeField } from './wire-bytes.ts';

/** The stream plus room for the form fields and multipart boundaries. */
export const FORM_OVERHEAD_BYTES = 64 * 1024;
export const UPLOAD_BODY_LIMIT = PUPIL_LIMITS.attachmentBytes + FORM_OVERHEAD_BYTES;
/** Version byte, secretstream header and one chunk's tag: nothing shorter is a stream. */
const MIN_STREAM_BYTES = 1 + 24 + 17;
/** Rows of attachment_chunks: small enough to read and write one at a time. */
export const CHUNK_BYTES = 256 * 1024;
const MiB = 1024 * 1024;

export interface UploadSettings {
  /** Uploads being received at once by this process. */
  maxConcurrent: number;
  /** Uploads being received at once for one report. */
  maxConcurrentPerReport: number;
  /** Stored attachment bytes per report. */
  reportBytes: number;
  /** Stored attachment bytes per school (all its reports). */
  schoolBytes: number;
  /** Where uploads wait, as 0600 files, until their transaction copies them in. */
  stagingDir: string;
}

export const DEFAULT_UPLOAD_SETTINGS: UploadSettings = {
  maxConcurrent: 8,
  maxConcurrentPerReport: 2,
  reportBytes: 16 * MiB,
  schoolBytes: 2048 * MiB,
  stagingDir: join(tmpdir(), 'bezpieczny-glos-uploads'),
};

/** Counts the uploads in progress, per process and per report. */
export class UploadGate {
  private total = 0;
  private readonly perReport = new Map<string, number>();

  constructor(private readonly settings: UploadSettings) {}

  /** A release function, or a 429 when a cap is reached (nothing of the body read yet). */
  enter(reportId: string): () => void {
    const mine = this.perReport.get(reportId) ?? 0;
    if (this.total >= this.settings.maxConcurrent || mine >= this.settings.maxConcurrentPerReport) {
      throw new RateLimitError(5);
    }
    this.total += 1;
    this.perReport.set(reportId, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = (this.perReport.get(reportId) ?? 1) - 1;
      if (left > 0) this.perReport.set(reportId, left);
      else this.perReport.delete(reportId);
    };
  }
}

export interface Uploads {
  settings: UploadSettings;
  gate: UploadGate;
}

export function createUploads(settings: Partial<UploadSettings> = {}): Uploads {
  const full = { ...DEFAULT_UPLOAD_SETTINGS, ...settings };
  return { settings: full, gate: new UploadGate(full) };
}

/** At start: files a killed process left in the staging directory are half uploads; drop them. */
export function clearStaging(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.upload')) rmSync(join(dir, name), { force: true });
  }
}

const UploadFieldsSchema = v.object(AttachmentFormSchema.entries);
type UploadFields = v.InferOutput<typeof UploadFieldsSchema>;

function invalid(path: string, message: string): ApiError {
  return new ApiError(400, 'validation_failed', 'Invalid form', [{ path, message }]);
}

export interface UploadTarget {
  reportId: string;
  orgId: string;
  uploaderRole: AuthorRole;
  at: string;
  /** Runs first in the transaction and must update the report's row (its lock, on PostgreSQL). */
  touch: (trx: Trx) => Promise<void>;
  /** Runs last in the transaction (audit, unread marks). */
  after?: (trx: Trx) => Promise<void>;
}

interface Ctx {
  db: Db;
  /** The copy into the database is a unit of work [Note: group commit]. */
  writer: Writer;
  dialect: DialectName;
  uploads: Uploads;
}

/** Refusals that need no byte of the body: the declared length, the count and both budgets. */
async function refuseEarly(ctx: Ctx, target: UploadTarget, declared: number | undefined) {
  if (declared !== undefined && declared > UPLOAD_BODY_LIMIT) throw tooLarge(UPLOAD_BODY_LIMIT);
  if ((await countAttachments(ctx.db, target.reportId)) >= PUPIL_LIMITS.attachmentsPerReport) {
    throw new ApiError(409, 'conflict', 'Too many attachments on this report');
  }
  // The stream is at least the body less the room the fields and boundaries may take.
  const least = Math.max(0, (declared ?? 0) - FORM_OVERHEAD_BYTES);
  await checkBudgets(ctx.db, ctx.uploads.settings, target, least);
}

async function checkBudgets(
  db: Db | Trx,
  settings: UploadSettings,
  target: UploadTarget,
  size: number,
) {
  if ((await reportStorageUsed(db, target.reportId)) + size > settings.reportBytes) {
    throw new ApiError(413, 'payload_too_large', "Over this report's storage budget");
  }
  if ((await schoolStorageUsed(db, target.orgId)) + size > settings.schoolBytes) {
    throw new ApiError(413, 'payload_too_large', "Over the school's storage budget");
  }
}

/**
 * Receives and stores one upload (see [Note: upload budgets]). Returns the attachment id.
 */
export async function receiveAttachment(
  ctx: Ctx,
  request: Request,
  target: UploadTarget,
): Promise<string> {
  const boundary = multipartBoundary(request.headers.get('content-type') ?? undefined);
  if (boundary === undefined) throw invalid('', 'must be multipart/form-data');
  const lengthHeader = request.headers.get('content-length');
  const declared =
    lengthHeader !== null && /^\d{1,15}$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
  if (declared !== undefined && declared > UPLOAD_BODY_LIMIT) throw tooLarge(UPLOAD_BODY_LIMIT);
  const release = ctx.uploads.gate.enter(target.reportId);
  const staged = join(ctx.uploads.settings.stagingDir, `${randomUUID()}.upload`);
  try {
    await refuseEarly(ctx, target, declared);
    mkdirSync(ctx.uploads.settings.stagingDir, { recursive: true, mode: 0o700 });
    const file = await open(staged, 'wx', 0o600);
    let size = 0;
    let form: Awaited<ReturnType<typeof readMultipart>>;
    try {
      form = await readMultipart(
        request.body,
        boundary,
        'data',
        { maxBodyBytes: UPLOAD_BODY_LIMIT, maxFieldBytes: 8 * 1024, maxFields: 8 },
        async (chunk) => {
          size += chunk.byteLength;
          if (size > PUPIL_LIMITS.attachmentBytes) throw tooLarge(PUPIL_LIMITS.attachmentBytes);
          await file.write(chunk);
        },
      );
    } finally {
      await file.close();
    }
    if (!form.hadFile) throw invalid('data', 'must be a file');
    const parsed = v.safeParse(UploadFieldsSchema, form.fields);
    if (!parsed.success) {
      const issues = parsed.issues.slice(0, 20).map((issue) => ({
        path: issue.path?.map((p) => String(p.key)).join('.') ?? '',
        message: issue.message,
      }));
      throw new ApiError(400, 'validation_failed', 'Invalid form', issues);
    }
    if (size < MIN_STREAM_BYTES) throw invalid('data', 'is not an encrypted attachment stream');
    return await storeStaged(ctx, target, parsed.output, staged, size);
  } finally {
    release();
    await rm(staged, { force: true });
  }
}

async function storeStaged(
  ctx: Ctx,
  target: UploadTarget,
  fields: UploadFields,
  staged: string,
  size: number,
): Promise<string> {
  const { reportId } = target;
  const id = fields.id.toLowerCase();
  const messageId = fields.messageId?.toLowerCase() ?? null;
  const fileKeyWrapped = decodeField(fields.fileKeyWrapped, 'fileKeyWrapped');
  const meta = decodeField(fields.meta, 'meta');
  try {
    await ctx.writer.run(async (trx) => {
      await target.touch(trx);
      if (ctx.dialect === 'postgres') {
        // Two reports of one school may upload at once: their budget checks take turns.
        await lockSchoolStorage(trx, target.orgId);
      }
      if ((await countAttachments(trx, reportId)) >= PUPIL_LIMITS.attachmentsPerReport) {
        throw new ApiError(409, 'conflict', 'Too many attachments on this report');
      }
      if (await attachmentExists(trx, id)) {
        throw new ApiError(409, 'conflict', 'Attachment id used');
      }
      if (messageId !== null) {
        const message = await findMessage(trx, messageId);
        if (message?.report_id !== reportId || message.thread !== 'pupil') {
          throw notFound('Message');
        }
      }
      await checkBudgets(trx, ctx.uploads.settings, target, size);
      await insertAttachment(trx, {
        id,
        report_id: reportId,
        message_id: messageId,
        uploader_role: target.uploaderRole,
        file_key_wrapped: fileKeyWrapped,
        meta,
        data: new Uint8Array(0),
        size,
        created_at: target.at,
      });
      const file = await open(staged, 'r');
      try {
        const buffer = new Uint8Array(CHUNK_BYTES);
        for (let seq = 0, offset = 0; offset < size; seq += 1) {
          const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, offset);
          if (bytesRead === 0) throw new Error('staged upload shorter than received');
          await insertAttachmentChunk(trx, id, seq, buffer.slice(0, bytesRead));
          offset += bytesRead;
        }
      } finally {
        await file.close();
      }
      await target.after?.(trx);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError(409, 'conflict', 'Attachment id used');
    throw err;
  }
  return id;
}

/** An attachment's stream read a chunk at a time, for a download response. */
export function attachmentStream(db: Db, id: string, size: number): ReadableStream<Uint8Array> {
  let seq = 0;
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent >= size) {
        controller.close();
        return;
      }
      const chunk = await readAttachmentChunk(db, id, seq);
      // Deleted meanwhile (retention): end with an error rather than a short file.
      if (!chunk || chunk.byteLength === 0) {
        controller.error(new Error('attachment chunks missing'));
        return;
      }
      seq += 1;
      sent += chunk.byteLength;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
}
