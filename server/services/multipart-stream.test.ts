// The streaming multipart reader against the encoder of the platform (undici's FormData): any
// split of the body into chunks gives the same fields and file bytes, and malformed or oversized
// bodies are refused with a 4xx.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { multipartBoundary, readMultipart, type MultipartLimits } from './multipart-stream.ts';

const LIMITS: MultipartLimits = { maxBodyBytes: 1 << 20, maxFieldBytes: 4096, maxFields: 8 };

async function encode(form: FormData): Promise<{ bytes: Uint8Array; boundary: string }> {
  const res = new Response(form);
  const boundary = multipartBoundary(res.headers.get('content-type') ?? undefined);
  if (!boundary) throw new Error('no boundary');
  return { bytes: new Uint8Array(await res.arrayBuffer()), boundary };
}

function streamOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    if (p > at) pieces.push(bytes.slice(at, p));
    at = Math.max(at, p);
  }
  return new ReadableStream({
    pull(controller) {
      const next = pieces.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

async function read(bytes: Uint8Array, boundary: string, cuts: number[] = []) {
  const file: Uint8Array[] = [];
  const result = await readMultipart(streamOf(bytes, cuts), boundary, 'data', LIMITS, (c) => {
    file.push(new Uint8Array(c));
    return Promise.resolve();
  });
  return { ...result, file: Buffer.concat(file) };
}

async function refusal(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err.status;
    throw err;
  }
  throw new Error('not refused');
}

describe('readMultipart', () => {
  it('reads fields and the file whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.string({ maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        async (data, text, cuts) => {
          const form = new FormData();
          form.set('id', 'abc');
          form.set('meta', text);
          form.set('data', new Blob([data]), 'data');
          const { bytes, boundary } = await encode(form);
          const got = await read(bytes, boundary, cuts);
          expect(got.fields).toEqual({ id: 'abc', meta: text });
          expect(got.hadFile).toBe(true);
          expect(new Uint8Array(got.file)).toEqual(data);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds a delimiter split one byte at a time, and file bytes that resemble one', async () => {
    const form = new FormData();
    const tricky = new TextEncoder().encode('\r\n--\r\n-- almost a boundary\r\n');
    form.set('data', new Blob([tricky]), 'x.bin');
    const { bytes, boundary } = await encode(form);
    const everyByte = Array.from({ length: bytes.length }, (_, i) => i);
    const got = await read(bytes, boundary, everyByte);
    expect(new Uint8Array(got.file)).toEqual(tricky);
  });

  it('tells a file from a text value of the file field', async () => {
    const form = new FormData();
    form.set('data', 'text, not a file');
    const { bytes, boundary } = await encode(form);
    const got = await read(bytes, boundary);
    expect(got).toMatchObject({ hadFile: false, fileAsText: true });
  });

  it('refuses bodies over the limit, long or repeated fields and truncated bodies', async () => {
    const big = new FormData();
    big.set('data', new Blob([new Uint8Array(LIMITS.maxBodyBytes)]), 'd');
    const b = await encode(big);
    expect(await refusal(read(b.bytes, b.boundary))).toBe(413);

    const long = new FormData();
    long.set('meta', 'x'.repeat(LIMITS.maxFieldBytes + 1));
    const l = await encode(long);
    expect(await refusal(read(l.bytes, l.boundary))).toBe(400);

    const twice = new FormData();
    twice.append('id', 'a');
    twice.append('id', 'b');
    const t = await encode(twice);
    expect(await refusal(read(t.bytes, t.boundary))).toBe(400);

    const ok = new FormData();
    ok.set('data', new Blob([new Uint8Array(100)]), 'd');
    const o = await encode(ok);
    expect(await refusal(read(o.bytes.slice(0, o.bytes.length - 10), o.boundary))).toBe(400);
    expect(await refusal(read(new TextEncoder().encode('no boundary here'), o.boundary))).toBe(400);
  });

  it('takes the boundary only from multipart/form-data', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc')).toBe('abc');
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/json')).toBeUndefined();
    expect(multipartBoundary('multipart/form-data')).toBeUndefined();
    expect(multipartBoundary(undefined)).toBeUndefined();
  });
});
