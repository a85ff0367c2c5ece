// Refusals of the session endpoints (thread, messages, attachments, session): no or a stale token,
// bad input, a wrong seq, paused replies, too many or foreign attachments. Each answers a 4xx in
// the one error shape and stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUPIL_LIMITS, type PupilThreadDto } from '../../shared/protocol/pupil.ts';
import { updateReport } from '../../server/db/repositories/reports.ts';
import { bearer, json, type ComposedReport, type PupilClient } from '../tools/pupil-client.ts';
import { expectError, pupilFixture, storesNothing, type PupilFixture } from './pupil-fixture.ts';
import { DIALECTS } from './test-db.ts';

type Submitted = ComposedReport & { token: string };

describe.each(DIALECTS)('pupil session refusals on %s', (dialect) => {
  let f: PupilFixture;
  let c: PupilClient;
  let mine: Submitted;
  beforeAll(async () => {
    f = await pupilFixture(dialect);
    c = f.client();
    mine = await f.submitted(c);
  });
  afterAll(() => f.t.close());

  const refused = async (res: () => Promise<Response>, status: number, code: string) =>
    expectError(await storesNothing(f.t.handle.db, res), status, code);
  const request = (path: string, init: RequestInit = {}) =>
    Promise.resolve(f.t.app.request(path, init));

  it('refuses a missing, malformed, unknown or expired token on every session endpoint', async () => {
    const other = await f.submitted(c);
    const attempts: [string, RequestInit][] = [
      ['/api/pupil/thread', {}],
      ['/api/pupil/messages', json(c.composeMessage(mine, 1, undefined))],
      ['/api/pupil/attachments', { method: 'POST', body: new FormData() }],
      [`/api/pupil/attachments/${crypto.randomUUID()}`, {}],
      ['/api/pupil/session', { method: 'DELETE' }],
    ];
    const unknown = 'A'.repeat(43);
    for (const [path, init] of attempts) {
      for (const auth of [undefined, 'Bearer', `Basic ${other.token}`, `Bearer ${unknown}`]) {
        const headers = { ...(init.headers as Record<string, string>) };
        if (auth) headers['Authorization'] = auth;
        await refused(() => request(path, { ...init, headers }), 401, 'unauthorized');
      }
    }
    // Idle for longer than the session lasts (15 minutes, its expiry rounded up to the hour).
    f.t.advance(76 * 60 * 1000);
    await refused(() => c.thread(other.token), 401, 'unauthorized');
    mine = await f.submitted(c);
  });

  it('slides the session with each use', async () => {
    f.t.advance(10 * 60 * 1000);
    expect((await c.thread(mine.token)).status).toBe(200);
    f.t.advance(10 * 60 * 1000);
    expect((await c.thread(mine.token)).status).toBe(200);
  });

  it('refuses malformed messages, a wrong seq, a used id and paused replies', async () => {
    const post = (body: unknown) => c.postMessage(mine.token, body as never);
    const rawPost = (body: string) =>
      request('/api/pupil/messages', {
        method: 'POST',
        headers: { ...bearer(mine.token), 'Content-Type': 'application/json' },
        body,
      });
    const good = c.composeMessage(mine, 1, undefined);
    await refused(() => rawPost('{"id": '), 400, 'bad_request');
    await refused(() => post({}), 400, 'validation_failed');
    await refused(() => post({ ...good, seq: '1' }), 400, 'validation_failed');
    await refused(() => post({ ...good, blob: 'a+b/' }), 400, 'validation_failed');
    await refused(() => post({ ...good, blob: 'AAAAA' }), 400, 'validation_failed');
    await refused(() => rawPost(`{"blob": "${'A'.repeat(300 * 1024)}"}`), 413, 'payload_too_large');
    await refused(() => post(c.composeMessage(mine, 2, undefined)), 409, 'conflict');
    expect((await post(good)).status).toBe(201);
    await refused(() => post(good), 409, 'conflict');
    await refused(
      () => post({ ...c.composeMessage(mine, 2, good.blob), id: good.id }),
      409,
      'conflict',
    );

    await updateReport(f.t.handle.db, mine.reportId, { replies_paused: 1 });
    await refused(() => post(c.composeMessage(mine, 2, good.blob)), 403, 'forbidden');
    const thread = (await (await c.thread(mine.token)).json()) as PupilThreadDto;
    expect(thread.repliesPaused).toBe(true);
    // A flag alone does not silence the pupil.
    await updateReport(f.t.handle.db, mine.reportId, { replies_paused: 0, flag: 'false_report' });
    expect((await post(c.composeMessage(mine, 2, good.blob))).status).toBe(201);
  });

  it('refuses malformed uploads, oversized ones and a message of another report', async () => {
    const file = () => c.composeAttachment(mine, new Uint8Array(100));
    const form = (fields: Record<string, string | Blob>) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(fields)) fd.set(k, v);
      return request('/api/pupil/attachments', {
        method: 'POST',
        headers: bearer(mine.token),
        body: fd,
      });
    };
    const a = file();
    const fields = { id: a.id, fileKeyWrapped: a.fileKeyWrapped, meta: a.meta };
    const blob = new Blob([new Uint8Array(a.data)]);
    await refused(() => form({ ...fields }), 400, 'validation_failed');
    await refused(() => form({ ...fields, data: 'text, not a file' }), 400, 'validation_failed');
    await refused(() => form({ ...fields, id: 'x', data: blob }), 400, 'validation_failed');
    await refused(() => form({ ...fields, meta: '!!', data: blob }), 400, 'validation_failed');
    await refused(
      () => form({ ...fields, fileKeyWrapped: 'A', data: blob }),
      400,
      'validation_failed',
    );
    await refused(
      () => form({ ...fields, data: new Blob([new Uint8Array(10)]) }),
      400,
      'validation_failed',
    );
    await refused(
      () => request('/api/pupil/attachments', json(fields, bearer(mine.token))),
      400,
      'validation_failed',
    );
    const huge = new Blob([new Uint8Array(PUPIL_LIMITS.attachmentBytes + 80 * 1024)]);
    await refused(() => form({ ...fields, data: huge }), 413, 'payload_too_large');

    const other = await f.submitted(c);
    const theirs = c.composeMessage(other, 1, undefined);
    expect((await c.postMessage(other.token, theirs)).status).toBe(201);
    await refused(() => form({ ...fields, messageId: theirs.id, data: blob }), 404, 'not_found');
  });

  it('refuses more attachments than a report may have, and another report’s attachment', async () => {
    const report = await f.submitted(c);
    let last = '';
    for (let i = 0; i < PUPIL_LIMITS.attachmentsPerReport; i++) {
      const a = c.composeAttachment(report, new Uint8Array([i]));
      expect((await c.upload(report.token, a)).status).toBe(201);
      last = a.id;
    }
    const extra = c.composeAttachment(report, new Uint8Array(1));
    await refused(() => c.upload(report.token, extra), 409, 'conflict');
    await refused(() => c.download(mine.token, last), 404, 'not_found');
    await refused(() => c.download(mine.token, 'not-a-uuid'), 400, 'validation_failed');
    // A used id, even on another report.
    await refused(() => c.upload(mine.token, { ...extra, id: last }), 409, 'conflict');
    expect((await c.download(report.token, last)).status).toBe(200);
  });
});
