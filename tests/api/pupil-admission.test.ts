// Floods answered with cost, not refusal [Note: admission]: one solved challenge buys one request
// whatever happens to it; junk never counts; valid floods raise the school's difficulty up to a cap
// and it falls back afterwards; an honest pupil's valid report and receipt get through after every
// flood; a challenge is spent once across concurrent requests and across two apps over one
// database, which also share the difficulty and the per-report limits; one alert per flood.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { ChallengeDto } from '../../shared/protocol/pupil.ts';
import { toB64 } from '../../shared/envelope/base64url.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { DEFAULT_RATE_LIMITS } from '../../server/middleware/rate-limit.ts';
import type { CapturedAlerts } from '../tools/alert-capture.ts';
import { json, PupilClient, solvePowNode, viaApp, type Send } from '../tools/pupil-client.ts';
import { createTestApp, TEST_POW_BITS, type TestApp } from './app-harness.ts';
import { expectError, pupilFixture, rowCounts, type PupilFixture } from './pupil-fixture.ts';
import { createPostgresDatabase, DIALECTS } from './test-db.ts';

/** A fresh instance's defaults (the base difficulty lowered to keep the test fast). */
const LIMITS = DEFAULT_RATE_LIMITS;
const CAP = TEST_POW_BITS + LIMITS.maxExtraBits;
const HOUR = 60 * 60 * 1000;
const TO_THE_CAP = LIMITS.reportsPerBit * LIMITS.maxExtraBits;

async function challenge(send: Send, orgId: string, purpose: 'report' | 'receipt') {
  const res = await send('/api/pupil/challenges', json({ orgId, purpose }));
  expect(res.status).toBe(201);
  return (await res.json()) as ChallengeDto;
}

async function solved(send: Send, orgId: string, purpose: 'report' | 'receipt') {
  const c = await challenge(send, orgId, purpose);
  return { dto: c, pow: { challenge: c.challenge, nonce: solvePowNode(c.challenge, c.bits) } };
}

/** Two databases handles on one database: what two server processes have. */
async function twoHandles(
  dialect: 'sqlite' | 'postgres',
): Promise<[DatabaseHandle, DatabaseHandle]> {
  const options =
    dialect === 'postgres'
      ? { databaseUrl: await createPostgresDatabase(), dataDir: ':memory:' }
      : { dataDir: mkdtempSync(join(tmpdir(), 'admission-')) };
  const first = openDatabase(options);
  await migrateToLatest(first.db);
  return [first, openDatabase(options)];
}

describe.each(DIALECTS)('admission on %s', (dialect) => {
  let f: PupilFixture;
  let second: TestApp;
  let alerts: CapturedAlerts;
  beforeAll(async () => {
    const [a, b] = await twoHandles(dialect);
    f = await pupilFixture(dialect, { handle: a, limits: LIMITS });
    second = await createTestApp(dialect, { handle: b, limits: LIMITS });
    alerts = f.t.alerts as CapturedAlerts;
  });
  afterAll(async () => {
    await second.close();
    await f.t.close();
  });

  const send = () => viaApp(f.t.app);
  const schoolOf = (code: string) => f.orgs.find((o) => o.code === code)!;
  /** Lets the flood of the test before fall back: two hours and more on both apps' clocks. */
  const quiet = () => {
    f.t.advance(3 * HOUR);
    second.advance(3 * HOUR);
  };

  it('spends one challenge on one request: junk with it leaves the school open', async () => {
    const school = schoolOf('SP1');
    const attacker = f.client('SP1');
    const { pow } = await solved(send(), school.id, 'report');
    const junk = { ...attacker.compose({ text: 'junk' }).request, orgKeyVersion: 999 };
    const before = await rowCounts(f.t.handle.db);
    const first = await send()('/api/pupil/reports', json({ ...junk, pow }));
    await expectError(first, 409, 'conflict');
    for (let i = 0; i < 30; i++) {
      const again = { ...attacker.compose({ text: 'junk' }).request, pow };
      const res = await send()(
        '/api/pupil/reports',
        json(i % 2 ? { ...again, orgKeyVersion: 999 } : again),
      );
      await expectError(res, 409, 'conflict');
    }
    // Junk, each with its own fresh proof of work: refused, and never counted as load.
    for (let i = 0; i < 30; i++) {
      const fresh = await solved(send(), school.id, 'report');
      const res = await send()('/api/pupil/reports', json({ ...junk, pow: fresh.pow }));
      await expectError(res, 409, 'conflict');
    }
    expect(await rowCounts(f.t.handle.db)).toEqual(before);
    expect((await challenge(send(), school.id, 'report')).level).toBe(0);
    // Receipts: one answer, 300 look-ups.
    const receipt = await solved(send(), school.id, 'receipt');
    const guess = () => ({ orgId: school.id, authKey: toB64(randomBytes(32)), pow: receipt.pow });
    await expectError(await send()('/api/pupil/receipts', json(guess())), 404, 'not_found');
    for (let i = 0; i < 300; i++) {
      await expectError(await send()('/api/pupil/receipts', json(guess())), 409, 'conflict');
    }
    // The honest pupil: a valid report, then the receipt, at the normal difficulty.
    const honest = f.client('SP1');
    const mine = await f.submitted(honest);
    expect((await honest.openReceipt(mine.receiptCode)).status).toBe(200);
    expect((await challenge(send(), school.id, 'receipt')).level).toBe(0);
  });

  it('answers a valid flood with difficulty up to the cap, and the honest pupil gets in', async () => {
    quiet();
    const school = schoolOf('SP2');
    const attacker = f.client('SP2');
    const levels: number[] = [];
    for (let i = 0; i < TO_THE_CAP + 5; i++) {
      const { dto, pow } = await solved(send(), school.id, 'report');
      levels.push(dto.level);
      const res = await send()(
        '/api/pupil/reports',
        json({ ...attacker.compose({ text: 'flood' }, true).request, pow }),
      );
      expect(res.status).toBe(201);
    }
    expect(levels.slice(0, LIMITS.reportsPerBit)).toEqual(Array(LIMITS.reportsPerBit).fill(0));
    expect(levels.at(-1)).toBe(LIMITS.maxExtraBits);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    // The honest pupil solves at the cap and is accepted.
    const honest = f.client('SP2');
    const c = await challenge(send(), school.id, 'report');
    expect(c.bits).toBe(CAP);
    const report = honest.compose({ text: 'help me' }, true);
    const res = await send()(
      '/api/pupil/reports',
      json({
        ...report.request,
        pow: { challenge: c.challenge, nonce: solvePowNode(c.challenge, c.bits) },
      }),
    );
    expect(res.status).toBe(201);

    // Wrong codes (300 and more), each with its own proof of work; then the honest pupil's receipt.
    const receiptLevels: number[] = [];
    for (let i = 0; i < Math.max(300, LIMITS.receiptsPerBit * LIMITS.maxExtraBits + 10); i++) {
      const { dto, pow } = await solved(send(), school.id, 'receipt');
      receiptLevels.push(dto.level);
      const guess = { orgId: school.id, authKey: toB64(randomBytes(32)), pow };
      expect((await send()('/api/pupil/receipts', json(guess))).status).toBe(404);
    }
    expect(receiptLevels.at(-1)).toBe(LIMITS.maxExtraBits);
    expect((await honest.openReceipt(report.receiptCode)).status).toBe(200);

    // The flood passes: the school's difficulty falls back.
    quiet();
    expect((await challenge(send(), school.id, 'report')).level).toBe(0);
    expect((await challenge(send(), school.id, 'receipt')).level).toBe(0);
  });

  it('sends one content-free alert per flood, then alerts one by one again', async () => {
    quiet();
    const school = schoolOf('SP3');
    const attacker = f.client('SP3');
    const ofSchool = () => alerts.events.filter((e) => e.orgId === school.id);
    const flood = async (n: number) => {
      for (let i = 0; i < n; i++) await f.submitted(attacker, { text: 'flood' });
    };
    await flood(2 * LIMITS.reportsPerBit);
    expect(ofSchool().filter((e) => e.kind === 'flood')).toEqual([
      { kind: 'flood', orgId: school.id, urgent: true },
    ]);
    expect(ofSchool().filter((e) => e.kind === 'report')).toHaveLength(LIMITS.reportsPerBit - 1);
    quiet();
    const calm = await f.submitted(attacker);
    expect(ofSchool().at(-1)).toMatchObject({ kind: 'report', reportId: calm.reportId });
    await flood(2 * LIMITS.reportsPerBit);
    expect(ofSchool().filter((e) => e.kind === 'flood')).toHaveLength(2);
  });

  it('accepts an answer the difficulty rose one bit past, and re-asks when it rose more', async () => {
    quiet();
    const school = schoolOf('SP4');
    const attacker = f.client('SP4');
    const early = await solved(send(), school.id, 'report');
    const earlier = await solved(send(), school.id, 'report');
    for (let i = 0; i < LIMITS.reportsPerBit; i++) await f.submitted(attacker);
    const one = attacker.compose({ text: 'one bit later' });
    expect(
      (await send()('/api/pupil/reports', json({ ...one.request, pow: early.pow }))).status,
    ).toBe(201);
    for (let i = 0; i < LIMITS.reportsPerBit; i++) await f.submitted(attacker);
    const two = attacker.compose({ text: 'two bits later' });
    const stale = await send()('/api/pupil/reports', json({ ...two.request, pow: earlier.pow }));
    await expectError(stale, 409, 'pow_raised');
    // The stale answer is spent all the same; a fresh one at the new difficulty gets in.
    const replay = await send()('/api/pupil/reports', json({ ...two.request, pow: earlier.pow }));
    await expectError(replay, 409, 'conflict');
    expect((await attacker.submit(two)).status).toBe(201);
  });

  it('lets exactly one of two concurrent uses of a challenge through', async () => {
    quiet();
    const school = schoolOf('SP5');
    const pupil = f.client('SP5');
    const { pow } = await solved(send(), school.id, 'report');
    const [a, b] = [pupil.compose({ text: 'a' }), pupil.compose({ text: 'b' })];
    const statuses = await Promise.all([
      send()('/api/pupil/reports', json({ ...a.request, pow })),
      viaApp(second.app)('/api/pupil/reports', json({ ...b.request, pow })),
    ]).then((rs) => rs.map((r) => r.status).sort());
    expect(statuses).toEqual([201, 409]);
    const receipt = await solved(send(), school.id, 'receipt');
    const body = { orgId: school.id, authKey: toB64(randomBytes(32)), pow: receipt.pow };
    const looked = await Promise.all([
      send()('/api/pupil/receipts', json(body)),
      viaApp(second.app)('/api/pupil/receipts', json(body)),
    ]).then((rs) => rs.map((r) => r.status).sort());
    expect(looked).toEqual([404, 409]);
  });

  it('shares difficulty and per-report limits between two apps over one database', async () => {
    quiet();
    const school = schoolOf('SP6');
    const viaFirst = f.client('SP6');
    const viaSecond = new PupilClient(viaFirst.sodium, viaApp(second.app), school);
    for (let i = 0; i < LIMITS.reportsPerBit; i++) await f.submitted(viaFirst);
    for (let i = 0; i < LIMITS.reportsPerBit; i++) {
      const res = await viaSecond.submit(viaSecond.compose({ text: 'second app' }));
      expect(res.status).toBe(201);
    }
    expect((await challenge(send(), school.id, 'report')).level).toBe(2);
    expect((await challenge(viaApp(second.app), school.id, 'report')).level).toBe(2);

    const mine = await f.submitted(viaFirst);
    const reads = LIMITS.threadReadsPerReceipt;
    for (let i = 0; i < reads; i++) {
      const client = i % 2 ? viaSecond : viaFirst;
      expect((await client.thread(mine.token)).status).toBe(200);
    }
    await expectError(await viaSecond.thread(mine.token), 429, 'rate_limited');
    await expectError(await viaFirst.thread(mine.token), 429, 'rate_limited');
  });
});
