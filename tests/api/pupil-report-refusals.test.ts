// Refusals of the anonymous pupil endpoints (challenges, reports, receipts): bad input, bad or
// reused proof of work, a stale key version, reused ids. Each answers a 4xx in the one error shape
// and stores nothing; a wrong receipt and another school's receipt get one identical answer.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromB64, toB64 } from '../../shared/crypto/index.ts';
import { leadingZeroBits, powInput, powNonce } from '../../shared/envelope/pow.ts';
import { json } from '../tools/pupil-client.ts';
import { expectError, pupilFixture, storesNothing, type PupilFixture } from './pupil-fixture.ts';
import { DIALECTS } from './test-db.ts';

describe.each(DIALECTS)('pupil report and receipt refusals on %s', (dialect) => {
  let f: PupilFixture;
  beforeAll(async () => {
    f = await pupilFixture(dialect);
  });
  afterAll(() => f.t.close());

  const refused = async (path: string, init: RequestInit, status: number, code: string) => {
    const res = await storesNothing(f.t.handle.db, () =>
      Promise.resolve(f.t.app.request(path, init)),
    );
    return expectError(res, status, code);
  };
  const raw = (body: string): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });

  it.each(['/api/pupil/challenges', '/api/pupil/reports', '/api/pupil/receipts'])(
    '%s refuses malformed JSON, missing fields, wrong types and oversized bodies',
    async (path) => {
      await refused(path, raw('{"orgId": '), 400, 'bad_request');
      await refused(path, raw('{}'), 400, 'validation_failed');
      await refused(path, raw('[1, 2]'), 400, 'validation_failed');
      await refused(
        path,
        raw('{"orgId": 7, "purpose": ["report"], "urgent": "yes"}'),
        400,
        'validation_failed',
      );
      await refused(path, { method: 'POST', body: 'orgId=1' }, 400, 'validation_failed');
      await refused(path, raw(`{"pad": "${'x'.repeat(300 * 1024)}"}`), 413, 'payload_too_large');
    },
  );

  it('gives challenges for schools only', async () => {
    const cdr = f.orgs.find((o) => o.kind === 'cdr')!;
    await refused(
      '/api/pupil/challenges',
      json({ orgId: cdr.id, purpose: 'report' }),
      404,
      'not_found',
    );
    const unknown = '00000000-0000-4000-8000-000000000000';
    await refused(
      '/api/pupil/challenges',
      json({ orgId: unknown, purpose: 'report' }),
      404,
      'not_found',
    );
    await refused(
      '/api/pupil/challenges',
      json({ orgId: cdr.id, purpose: 'chat' }),
      400,
      'validation_failed',
    );
  });

  it('refuses bad base64url in byte fields', async () => {
    const c = f.client();
    const r = c.compose({ text: 'x' });
    // Each with its own proof of work: a refused request spends its challenge [Note: admission].
    const bad = async (patch: object) =>
      json({ ...r.request, pow: await c.pow('report'), ...patch });
    await refused(
      '/api/pupil/reports',
      await bad({ body: 'not base64!' }),
      400,
      'validation_failed',
    );
    // Right alphabet, impossible length (a single leftover character).
    await refused('/api/pupil/reports', await bad({ body: 'AAAAA' }), 400, 'validation_failed');
    // Non-canonical: unused low bits set in the final group.
    await refused(
      '/api/pupil/reports',
      await bad({ authKey: `${r.request.authKey.slice(0, 42)}B` }),
      400,
      'validation_failed',
    );
    const pow = await c.pow('report');
    await refused(
      '/api/pupil/reports',
      await bad({ pow: { ...pow, nonce: 'AAAAAAAAAA!' } }),
      400,
      'validation_failed',
    );
  });

  it('refuses a proof of work with too few bits, expired, replayed, or for elsewhere', async () => {
    const c = f.client();
    const other = f.client('SP2');
    const send = (report = c.compose({ text: 'x' }), pow: { challenge: string; nonce: string }) =>
      f.t.app.request('/api/pupil/reports', json({ ...report.request, pow }));
    const reject = (
      pow: { challenge: string; nonce: string },
      status = 400,
      code = 'bad_request',
    ) =>
      storesNothing(f.t.handle.db, async () => send(undefined, pow)).then((res) =>
        expectError(res, status, code),
      );

    const ch = await c.challenge('report');
    let counter = 0;
    const weak = () => {
      for (;;) {
        const nonce = powNonce(counter++);
        const hash = createHash('sha256')
          .update(powInput(fromB64(ch.challenge), nonce))
          .digest();
        if (leadingZeroBits(hash) < ch.bits) return toB64(nonce);
      }
    };
    await reject({ challenge: ch.challenge, nonce: weak() });

    const token = fromB64(ch.challenge);
    token[30] = (token[30] ?? 0) ^ 1;
    await reject({ challenge: toB64(token), nonce: weak() });
    await reject(await c.pow('receipt'));
    await reject(await other.pow('report'));

    const stale = await c.pow('report');
    f.t.advance(5 * 60 * 1000 + 1000);
    await reject(stale);

    const pow = await c.pow('report');
    expect((await send(undefined, pow)).status).toBe(201);
    await reject(pow, 409, 'conflict');
  });

  it('refuses a stale key version, a reused report id and a reused receipt', async () => {
    const c = f.client();
    const first = await f.submitted(c);
    const again = async (patch: object, status: number) => {
      const r = c.compose({ text: 'y' });
      const body = json({ ...r.request, ...patch, pow: await c.pow('report') });
      return refused('/api/pupil/reports', body, status, 'conflict');
    };
    await again({ orgKeyVersion: 2 }, 409);
    await again({ reportId: first.reportId }, 409);
    await again({ authKey: first.request.authKey }, 409);
    // A refused report spent its proof of work all the same [Note: admission]: sending it again
    // is a replay, and only a fresh one gets the report in.
    const r = c.compose({ text: 'z' });
    const pow = await c.pow('report');
    const refusal = await refused(
      '/api/pupil/reports',
      json({ ...r.request, orgKeyVersion: 9, pow }),
      409,
      'conflict',
    );
    expect(refusal).toMatchObject({ error: { message: expect.stringContaining('key changed') } });
    const replay = await refused(
      '/api/pupil/reports',
      json({ ...r.request, pow }),
      409,
      'conflict',
    );
    expect(replay).toMatchObject({ error: { message: expect.stringContaining('already used') } });
    expect((await c.submit(r)).status).toBe(201);
  });

  it('answers a wrong receipt and another school’s receipt identically, and spends the work', async () => {
    const sp1 = f.client('SP1');
    const sp2 = f.client('SP2');
    const mine = await f.submitted(sp1);
    const wrong = await storesNothing(f.t.handle.db, () => sp1.openReceipt('1234567812345678'));
    const elsewhere = await storesNothing(f.t.handle.db, () => sp2.openReceipt(mine.receiptCode));
    const expected = { error: { code: 'not_found', message: 'No report for this receipt' } };
    expect(wrong.status).toBe(404);
    expect(elsewhere.status).toBe(404);
    expect(await wrong.json()).toEqual(expected);
    expect(await elsewhere.json()).toEqual(expected);

    // One solved challenge pays for one guess only, right or wrong.
    const pow = await sp1.pow('receipt');
    const open = (authKey: string) =>
      f.t.app.request('/api/pupil/receipts', json({ orgId: sp1.school.id, authKey, pow }));
    expect((await open(toB64(new Uint8Array(32)))).status).toBe(404);
    await expectError(await open(mine.request.authKey), 409, 'conflict');
    expect((await sp1.openReceipt(mine.receiptCode)).status).toBe(200);
  });
});
