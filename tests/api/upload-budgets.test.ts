// Uploads are streamed into chunk rows and refused early [Note: upload budgets]: a declared length
// over the limit, a full report, a report's or a school's budget are refused before a byte of the
// body is read; a body without a length stops at the limit; too many uploads at once answer 429;
// what is refused stores nothing. Small budgets here so the test moves little data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptAttachment, fromB64, unwrapKey } from '../../shared/crypto/index.ts';
import { PUPIL_LIMITS } from '../../shared/protocol/pupil.ts';
import { CHUNK_BYTES, UPLOAD_BODY_LIMIT } from '../../server/services/attachment-upload.ts';
import { bearer, type ComposedReport, type PupilClient } from '../tools/pupil-client.ts';
import { expectError, pupilFixture, storesNothing, type PupilFixture } from './pupil-fixture.ts';
import { SP1_COUNSELLOR, staffFixture } from './staff-cases-fixture.ts';
import { DIALECTS } from './test-db.ts';

type Submitted = ComposedReport & { token: string };
const KiB = 1024;

/** A request body that counts what is read of it and can hold back its rest until released. */
class WatchedBody {
  read = 0;
  private pieces: Uint8Array[];
  private releaseHold: () => void = () => undefined;
  private readonly held: Promise<void>;
  private startedResolve: () => void = () => undefined;
  /** Resolves when the server reads the first piece (it passed every early check). */
  readonly started = new Promise<void>((r) => (this.startedResolve = r));

  // Pieces of 16 KiB, so a held body stops before its closing boundary.
  constructor(bytes: Uint8Array, hold = false) {
    this.pieces = [];
    for (let i = 0; i < bytes.length; i += 16 * KiB) this.pieces.push(bytes.slice(i, i + 16 * KiB));
    this.held = hold ? new Promise((r) => (this.releaseHold = r)) : Promise.resolve();
  }

  release() {
    this.releaseHold();
  }

  stream(): ReadableStream<Uint8Array> {
    let first = true;
    return new ReadableStream(
      {
        pull: async (controller) => {
          if (!first) await this.held;
          const next = this.pieces.shift();
          if (first) this.startedResolve();
          first = false;
          if (!next) return controller.close();
          this.read += next.length;
          controller.enqueue(next);
        },
      },
      { highWaterMark: 0 },
    );
  }
}

async function encodeForm(form: FormData) {
  const res = new Response(form);
  return {
    bytes: new Uint8Array(await res.arrayBuffer()),
    type: res.headers.get('content-type') ?? '',
  };
}

describe.each(DIALECTS)('upload streaming and budgets on %s', (dialect) => {
  let f: PupilFixture;
  let c: PupilClient;
  beforeAll(async () => {
    f = await pupilFixture(dialect, {
      uploads: {
        reportBytes: 1024 * KiB,
        schoolBytes: 2500 * KiB,
        maxConcurrent: 3,
        maxConcurrentPerReport: 2,
      },
    });
    c = f.client();
  });
  afterAll(() => f.t.close());

  const attachment = (report: Submitted, size: number) =>
    c.composeAttachment(report, new Uint8Array(size).fill(7));

  /** The upload as raw multipart bytes, sent as a watched stream with or without its length. */
  async function rawUpload(
    report: Submitted,
    size: number,
    opts: { declare?: number | 'none'; hold?: boolean } = {},
  ) {
    const a = attachment(report, size);
    const form = new FormData();
    form.set('id', a.id);
    form.set('fileKeyWrapped', a.fileKeyWrapped);
    form.set('meta', a.meta);
    form.set('data', new Blob([new Uint8Array(a.data)]), 'data');
    const { bytes, type } = await encodeForm(form);
    const body = new WatchedBody(bytes, opts.hold);
    const headers: Record<string, string> = { ...bearer(report.token), 'Content-Type': type };
    if (opts.declare !== 'none') headers['Content-Length'] = String(opts.declare ?? bytes.length);
    const response = Promise.resolve(
      f.t.app.request('/api/pupil/attachments', {
        method: 'POST',
        headers,
        body: body.stream(),
        duplex: 'half',
      } as RequestInit),
    );
    return { a, body, bytes, response };
  }

  const refused = async (res: () => Promise<Response>, status: number, code: string) =>
    expectError(await storesNothing(f.t.handle.db, res), status, code);

  it('stores a stream of several chunks and gives it back whole', async () => {
    const report = await f.submitted(c);
    const size = 2 * CHUNK_BYTES + 1000;
    const { a, body, bytes, response } = await rawUpload(report, size);
    const res = await response;
    expect(res.status, await res.clone().text()).toBe(201);
    expect(body.read).toBe(bytes.length);
    const chunks = await f.t.handle.db
      .selectFrom('attachment_chunks')
      .select(['seq'])
      .where('attachment_id', '=', a.id)
      .orderBy('seq')
      .execute();
    expect(chunks.map((r) => r.seq)).toEqual([0, 1, 2]);
    const stored = await f.t.handle.db
      .selectFrom('attachments')
      .select(['size', 'data'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(stored.size).toBe(a.data.length);
    expect(stored.data.length).toBe(0);
    const download = await c.download(report.token, a.id);
    expect(download.headers.get('content-length')).toBe(String(a.data.length));
    const got = new Uint8Array(await download.arrayBuffer());
    expect(got).toEqual(a.data);
    const fileKey = unwrapKey(
      c.sodium,
      fromB64(a.fileKeyWrapped),
      report.threadKey,
      `file-key:${a.id}`,
    );
    expect(decryptAttachment(c.sodium, fileKey, got).length).toBe(size);
  });

  it('refuses a declared length over the limit before reading the body', async () => {
    const report = await f.submitted(c);
    const up = await rawUpload(report, 1000, { declare: UPLOAD_BODY_LIMIT + 1 });
    await refused(() => up.response, 413, 'payload_too_large');
    expect(up.body.read).toBe(0);
  });

  it('stops reading a body without a length at the limit', async () => {
    const report = await f.submitted(c);
    const up = await rawUpload(report, PUPIL_LIMITS.attachmentBytes + 200 * KiB, {
      declare: 'none',
    });
    await refused(() => up.response, 413, 'payload_too_large');
    expect(up.body.read).toBeLessThanOrEqual(UPLOAD_BODY_LIMIT + 64 * KiB);
    expect(up.body.read).toBeLessThan(up.bytes.length);
  });

  it("refuses over the report's budget: early when declared, at the end when not", async () => {
    const report = await f.submitted(c);
    expect((await (await rawUpload(report, 700 * KiB)).response).status).toBe(201);
    const early = await rawUpload(report, 400 * KiB);
    await refused(() => early.response, 413, 'payload_too_large');
    expect(early.body.read).toBe(0);
    const late = await rawUpload(report, 400 * KiB, { declare: 'none' });
    await refused(() => late.response, 413, 'payload_too_large');
    // What still fits is taken.
    expect((await (await rawUpload(report, 200 * KiB)).response).status).toBe(201);
  });

  it("refuses over the school's budget, for any of its reports", async () => {
    // Earlier tests stored about 1.4 MiB for this school; one more 900 KiB fits, then no more.
    const first = await f.submitted(c);
    expect((await (await rawUpload(first, 900 * KiB)).response).status).toBe(201);
    const second = await f.submitted(c);
    const up = await rawUpload(second, 900 * KiB);
    const body = await refused(() => up.response, 413, 'payload_too_large');
    expect(JSON.stringify(body)).toContain('school');
    expect(up.body.read).toBe(0);
    // Another school's budget is its own.
    const other = f.client('SP2');
    const theirs = await f.submitted(other);
    expect(
      (await other.upload(theirs.token, other.composeAttachment(theirs, new Uint8Array(900 * KiB))))
        .status,
    ).toBe(201);
  });

  it('refuses an eleventh attachment before reading it', async () => {
    const report = await f.submitted(c);
    for (let i = 0; i < PUPIL_LIMITS.attachmentsPerReport; i++) {
      expect((await c.upload(report.token, attachment(report, 10))).status).toBe(201);
    }
    const up = await rawUpload(report, 1000);
    await refused(() => up.response, 409, 'conflict');
    expect(up.body.read).toBe(0);
  });

  it('caps uploads at once per report and per process with a 429', async () => {
    // SP2's budget has room (the tests above filled SP1's).
    const one = await f.submitted(f.client('SP2'));
    const two = await f.submitted(f.client('SP2'));
    const a = await rawUpload(one, 20 * KiB, { hold: true });
    await a.body.started;
    const b = await rawUpload(one, 20 * KiB, { hold: true });
    await b.body.started;
    // A third at once for the same report.
    const c1 = await rawUpload(one, 20 * KiB);
    const res1 = await refused(() => c1.response, 429, 'rate_limited');
    expect(res1).toBeDefined();
    expect(c1.body.read).toBe(0);
    // Another report still gets the process's last place, then the process is full.
    const d = await rawUpload(two, 20 * KiB, { hold: true });
    await d.body.started;
    const e = await rawUpload(two, 20 * KiB);
    await refused(() => e.response, 429, 'rate_limited');
    for (const held of [a, b, d]) held.body.release();
    for (const held of [a, b, d]) expect((await held.response).status).toBe(201);
    // The places are free again.
    expect((await (await rawUpload(two, 1000)).response).status).toBe(201);
  });
});

describe.each(DIALECTS)('staff upload budgets on %s', (dialect) => {
  it("refuses a counsellor's upload over the report's budget before reading it", async () => {
    const f = await staffFixture(dialect, { uploads: { reportBytes: 512 * KiB } });
    try {
      const me = await f.member(SP1_COUNSELLOR);
      const { reportId } = await f.submitted(f.client());
      const body = new WatchedBody(new Uint8Array(64 * KiB));
      const res = await f.t.app.request(`/api/staff/reports/${reportId}/attachments`, {
        method: 'POST',
        headers: {
          Cookie: me.cookie,
          'X-CSRF': '1',
          'Content-Type': 'multipart/form-data; boundary=x',
          'Content-Length': String(1024 * KiB),
        },
        body: body.stream(),
        duplex: 'half',
      } as RequestInit);
      const refusal = await expectError(res, 413, 'payload_too_large');
      expect(JSON.stringify(refusal)).toContain('report');
      expect(body.read).toBe(0);
    } finally {
      await f.t.close();
    }
  });
});
