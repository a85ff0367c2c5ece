// Rate limits [Note: rate limits]: per report for a session's reads, messages and uploads; 429
// with Retry-After once over, never keyed by address, never per school.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../tools/pupil-client.ts';
import { expectError, pupilFixture, storesNothing, type PupilFixture } from './pupil-fixture.ts';
import { DIALECTS } from './test-db.ts';

const LIMITS = {
  threadReadsPerReceipt: 3,
  messagesPerReceipt: 2,
  attachmentsPerReceipt: 2,
};

describe.each(DIALECTS)('pupil rate limits on %s', (dialect) => {
  let f: PupilFixture;
  beforeAll(async () => {
    f = await pupilFixture(dialect, { limits: LIMITS });
  });
  afterAll(() => f.t.close());

  const limited = async (res: () => Promise<Response>) => {
    const r = await storesNothing(f.t.handle.db, res);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    return expectError(r, 429, 'rate_limited');
  };

  it("refuses no report for a school's load, whatever address the request claims", async () => {
    // Per school, difficulty rises instead [Note: admission] (pupil-admission.test.ts).
    const sp1 = f.client('SP1');
    const fromAddress = async (ip: string) => {
      const r = sp1.compose({ text: 'x' });
      const body = { ...r.request, pow: await sp1.pow('report') };
      return f.t.app.request('/api/pupil/reports', json(body, { 'X-Forwarded-For': ip }));
    };
    for (let i = 0; i < 5; i++) expect((await fromAddress(`198.51.100.${i}`)).status).toBe(201);
  });

  it('limits reads, messages and uploads per report', async () => {
    const sp6 = f.client('SP6');
    const a = await f.submitted(sp6);
    const b = await f.submitted(sp6);
    for (let i = 0; i < LIMITS.threadReadsPerReceipt; i++) {
      expect((await sp6.thread(a.token)).status).toBe(200);
    }
    await limited(() => sp6.thread(a.token));
    expect((await sp6.thread(b.token)).status).toBe(200);

    let prev: string | undefined;
    for (let seq = 1; seq <= LIMITS.messagesPerReceipt; seq++) {
      const m = sp6.composeMessage(a, seq, prev);
      expect((await sp6.postMessage(a.token, m)).status).toBe(201);
      prev = m.blob;
    }
    await limited(() => sp6.postMessage(a.token, sp6.composeMessage(a, 3, prev)));

    for (let i = 0; i < LIMITS.attachmentsPerReceipt; i++) {
      const file = sp6.composeAttachment(a, new Uint8Array([i]));
      expect((await sp6.upload(a.token, file)).status).toBe(201);
    }
    await limited(() => sp6.upload(a.token, sp6.composeAttachment(a, new Uint8Array(1))));
    expect((await sp6.upload(b.token, sp6.composeAttachment(b, new Uint8Array(1)))).status).toBe(
      201,
    );
  });
});
