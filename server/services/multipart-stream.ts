// A streaming reader of one multipart/form-data body: small text fields are collected (each with a
// size cap), the one file part is handed to a sink chunk by chunk as it arrives, so the body is
// never held whole in memory (Hono's parseBody would buffer it). Only what an attachment upload
// needs: no nested multipart, no part encodings. Malformed bodies are refused with a 400.
import { Buffer } from 'node:buffer';
import { ApiError } from '../errors.ts';

export interface MultipartLimits {
  /** Whole body, counted as it arrives (Content-Length is checked earlier, when sent). */
  maxBodyBytes: number;
  /** Each text field. */
  maxFieldBytes: number;
  maxFields: number;
}

export interface MultipartResult {
  fields: Record<string, string>;
  /** Whether a part named fileField with a filename arrived (its bytes went to the sink). */
  hadFile: boolean;
  /** Name of a fileField part that came without a filename (a text value, not a file). */
  fileAsText: boolean;
}

const HEADER_LIMIT = 8 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function malformed(message: string): ApiError {
  return new ApiError(400, 'validation_failed', 'Invalid form', [{ path: '', message }]);
}

export function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'payload_too_large', `Body over ${maxBytes} bytes`);
}

/** The boundary of a multipart/form-data Content-Type, or undefined for anything else. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const [type, ...params] = contentType.split(';');
  if (type?.trim().toLowerCase() !== 'multipart/form-data') return undefined;
  for (const param of params) {
    const m = /^\s*boundary=(?:"([^"]{1,70})"|([^\s";]{1,70}))\s*$/i.exec(param);
    if (m) return m[1] ?? m[2];
  }
  return undefined;
}

interface PartHeaders {
  name: string;
  filename: string | undefined;
}

function parsePartHeaders(raw: string): PartHeaders {
  for (const line of raw.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'content-disposition') continue;
    const value = line.slice(colon + 1);
    const name = /;\s*name="([^"]*)"/i.exec(value)?.[1];
    if (name === undefined) break;
    const filename = /;\s*filename="([^"]*)"/i.exec(value)?.[1];
    return { name, filename };
  }
  throw malformed('a part has no Content-Disposition name');
}

/**
 * Reads the body; the bytes of the part named `fileField` (with a filename) go to `sink`, which
 * may refuse by throwing. The reader is cancelled on any refusal, so the rest is never read.
 */
export async function readMultipart(
  body: ReadableStream<Uint8Array> | null,
  boundary: string,
  fileField: string,
  limits: MultipartLimits,
  sink: (chunk: Uint8Array) => Promise<void>,
): Promise<MultipartResult> {
  const result: MultipartResult = { fields: {}, hadFile: false, fileAsText: false };
  if (!body) throw malformed('empty body');
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const reader = body.getReader();
  // A CRLF in front lets the first boundary be found like every later one.
  let buf: Buffer = Buffer.from(CRLF);
  let total = 0;
  let done = false;
  type State = 'preamble' | 'after-boundary' | 'headers' | 'body' | 'end';
  let state: State = 'preamble';
  let part: PartHeaders | undefined;
  let field: Buffer[] = [];
  let fieldBytes = 0;
  let fieldCount = 0;

  const more = async (): Promise<boolean> => {
    if (done) return false;
    const next = await reader.read();
    if (next.done) {
      done = true;
      return false;
    }
    total += next.value.byteLength;
    if (total > limits.maxBodyBytes) throw tooLarge(limits.maxBodyBytes);
    buf = buf.length === 0 ? Buffer.from(next.value) : Buffer.concat([buf, next.value]);
    return true;
  };

  const emit = async (bytes: Buffer) => {
    if (bytes.length === 0 || !part) return;
    if (part.name === fileField && part.filename !== undefined) {
      await sink(bytes);
      return;
    }
    fieldBytes += bytes.length;
    if (fieldBytes > limits.maxFieldBytes) {
      throw new ApiError(400, 'validation_failed', 'Invalid form', [
        { path: part.name, message: `must be at most ${limits.maxFieldBytes} bytes` },
      ]);
    }
    field.push(Buffer.from(bytes));
  };

  const endPart = () => {
    if (!part) return;
    if (part.name === fileField) {
      if (part.filename !== undefined) result.hadFile = true;
      else result.fileAsText = true;
    } else {
      result.fields[part.name] = Buffer.concat(field).toString('utf8');
    }
    part = undefined;
  };

  try {
    for (;;) {
      if (state === 'end') break;
      if (state === 'preamble' || state === 'body') {
        const at = buf.indexOf(delimiter);
        if (at >= 0) {
          if (state === 'body') await emit(buf.subarray(0, at));
          endPart();
          buf = buf.subarray(at + delimiter.length);
          state = 'after-boundary';
          continue;
        }
        // Keep a tail that could be the start of a delimiter split across chunks.
        const keep = Math.min(buf.length, delimiter.length - 1);
        if (state === 'body') await emit(buf.subarray(0, buf.length - keep));
        else if (buf.length > HEADER_LIMIT) throw malformed('no boundary at the start');
        buf = buf.subarray(buf.length - keep);
        if (!(await more())) throw malformed('the body ends inside a part');
        continue;
      }
      if (state === 'after-boundary') {
        if (buf.length < 2 && !(await more())) throw malformed('the body ends after a boundary');
        if (buf.length < 2) continue;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'end';
          continue;
        }
        // Transport padding after the boundary is allowed before the CRLF.
        const eol = buf.indexOf(CRLF);
        if (eol < 0) {
          if (buf.length > 256) throw malformed('a boundary line is too long');
          if (!(await more())) throw malformed('the body ends after a boundary');
          continue;
        }
        if (buf.subarray(0, eol).toString('latin1').trim() !== '') {
          throw malformed('text after a boundary');
        }
        // Keep the CRLF: an empty header block then ends at the first CRLFCRLF.
        buf = buf.subarray(eol);
        state = 'headers';
        continue;
      }
      // state === 'headers'
      const end = buf.indexOf(HEADER_END);
      if (end < 0) {
        if (buf.length > HEADER_LIMIT) throw malformed('part headers are too long');
        if (!(await more())) throw malformed('the body ends inside part headers');
        continue;
      }
      part = parsePartHeaders(buf.subarray(2, end).toString('utf8'));
      if (part.name !== fileField) {
        fieldCount += 1;
        if (fieldCount > limits.maxFields) throw malformed('too many fields');
        if (Object.hasOwn(result.fields, part.name)) throw malformed(`${part.name} repeats`);
      } else if (result.hadFile || result.fileAsText) {
        throw malformed(`${fileField} repeats`);
      }
      field = [];
      fieldBytes = 0;
      buf = buf.subarray(end + HEADER_END.length);
      state = 'body';
    }
  } catch (err) {
    await reader.cancel().catch(() => undefined);
    throw err;
  }
  // Whatever follows the closing boundary (an epilogue) is not read.
  await reader.cancel().catch(() => undefined);
  return result;
}
