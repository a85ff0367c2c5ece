// The inbox: urgent first, then the longest waiting, then the newest; the unread and mine filters
// and the status filter; the overdue mark after the school's wait target; another school's
// reports never appear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenReceiptDto } from '../../shared/protocol/pupil.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/database.ts';
import { findOrganisation } from '../../server/db/repositories/organisations.ts';
import { insertReport, updateReport } from '../../server/db/repositories/reports.ts';
import { DIALECTS } from './test-db.ts';
import {
  SP1_COUNSELLOR,
  SP2_COUNSELLOR,
  staffFixture,
  type Member,
  type StaffFixture,
} from './staff-cases-fixture.ts';

const HOUR = 60 * 60 * 1000;

/** `n` report rows of a school, each waiting since its own hour, with random bytes for blobs. */
async function insertBareReports(db: Db, orgId: string, n: number, now: Date): Promise<string[]> {
  const ids: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const hour = new Date(Math.floor(now.getTime() / HOUR) * HOUR - i * HOUR).toISOString();
      ids.push(id);
      await insertReport(trx, {
        id,
        org_id: orgId,
        lookup_hash: randomBytes(32).toString('hex'),
        urgent: i % 7 === 0 ? 1 : 0,
        status: 'new',
        category: null,
        risk: null,
        assignee_id: null,
        flag: 'none',
        replies_paused: 0,
        org_key_version: 1,
        body: randomBytes(300),
        thread_key_sealed: randomBytes(81),
        thread_key_pupil: randomBytes(73),
        staff_key_sealed: null,
        created_hour: hour,
        first_answer_at: null,
        updated_at: hour,
        waiting_since: hour,
      });
    }
  });
  return ids;
}

describe.each(DIALECTS)('staff inbox on %s', (dialect) => {
  let f: StaffFixture;
  let me: Member;
  const ids: Record<string, string> = {};
  let receiptOfOld = '';

  beforeAll(async () => {
    f = await staffFixture(dialect);
    const pupil = f.client('SP1');
    // old (waits longest), then 2 hours later mid, then an urgent one, then a fresh one.
    const old = await f.submitted(pupil);
    ids['old'] = old.reportId;
    receiptOfOld = old.receiptCode;
    f.t.advance(2 * HOUR);
    ids['mid'] = (await f.submitted(pupil)).reportId;
    f.t.advance(HOUR);
    const urgent = pupil.compose({ text: 'now' }, true);
    expect((await pupil.submit(urgent)).status).toBe(201);
    ids['urgent'] = urgent.reportId;
    f.t.advance(HOUR);
    ids['fresh'] = (await f.submitted(pupil)).reportId;
    // Another school's report never shows up.
    ids['other'] = (await f.submitted(f.client('SP2'))).reportId;
    me = await f.member(SP1_COUNSELLOR);
  });
  afterAll(() => f.t.close());

  it('lists urgent first, then the longest waiting, then nobody waiting (newest first)', async () => {
    // Answering "mid" means nobody waits there any more: it goes after everything waiting.
    await f.reply(me, ids['mid'] ?? '', 'Jestem tu.');
    const { items } = await f.inbox(me.cookie);
    expect(items.map((i) => i.id)).toEqual([ids['urgent'], ids['old'], ids['fresh'], ids['mid']]);
    expect(items[0]).toMatchObject({ urgent: true, status: 'new', overdue: false });
    expect(items.find((i) => i.id === ids['mid'])).toMatchObject({
      waitingSince: null,
      status: 'waiting_for_pupil',
    });
    expect(items.some((i) => i.id === ids['other'])).toBe(false);
  });

  it('puts a closed urgent report among the rest', async () => {
    const { waitingSince } = (await f.inbox(me.cookie)).items[0] ?? {};
    const closed = await f.send(me.cookie, 'PATCH', `/api/staff/reports/${ids['urgent']}`, {
      status: 'closed',
    });
    expect(closed.status).toBe(200);
    const { items } = await f.inbox(me.cookie);
    expect(items[0]?.id).toBe(ids['old']);
    expect(items.find((i) => i.id === ids['urgent'])?.waitingSince).toBeNull();
    await updateReport(f.t.handle.db, ids['urgent'] ?? '', {
      status: 'new',
      waiting_since: waitingSince ?? null,
    });
  });

  it('filters unread: opened reports drop out until the pupil writes again', async () => {
    const before = (await f.inbox(me.cookie, '?filter=unread')).items.map((i) => i.id);
    expect(before).not.toContain(ids['mid']); // opened when replying
    expect(before).toContain(ids['old']);
    await f.openCase(me, ids['old'] ?? '');
    const after = await f.inbox(me.cookie, '?filter=unread');
    expect(after.items.map((i) => i.id)).not.toContain(ids['old']);
    expect((await f.inbox(me.cookie)).items.find((i) => i.id === ids['old'])?.unread).toBe(false);

    // The pupil writes in the same hour as the opening: unread again all the same.
    const pupil = f.client('SP1');
    const opened = await pupil.openReceipt(receiptOfOld);
    const { token } = ((await opened.json()) as OpenReceiptDto).session;
    const res = await pupil.postMessage(
      token,
      pupil.composeMessage(
        { reportId: ids['old'] ?? '', threadKey: new Uint8Array(32) },
        1,
        undefined,
      ),
    );
    expect(res.status).toBe(201);
    const again = await f.inbox(me.cookie, '?filter=unread');
    expect(again.items.map((i) => i.id)).toContain(ids['old']);
    // Unread is per member: a colleague's opening changes nothing for me.
    const colleague = await f.addMember('SP1');
    await f.get(colleague.cookie, `/api/staff/reports/${ids['fresh']}`);
    expect((await f.inbox(me.cookie, '?filter=unread')).items.map((i) => i.id)).toContain(
      ids['fresh'],
    );
  });

  it('filters mine and by status', async () => {
    expect((await f.inbox(me.cookie, '?filter=mine')).items).toEqual([]);
    const res = await f.send(me.cookie, 'PATCH', `/api/staff/reports/${ids['fresh']}`, {
      assigneeId: me.id,
    });
    expect(res.status).toBe(200);
    const mine = await f.inbox(me.cookie, '?filter=mine');
    expect(mine.items.map((i) => i.id)).toEqual([ids['fresh']]);
    const waiting = await f.inbox(me.cookie, '?status=waiting_for_pupil');
    expect(waiting.items.map((i) => i.id)).toEqual([ids['mid']]);
    const bad = await f.get(me.cookie, '/api/staff/reports?filter=everything');
    expect(bad.status).toBe(400);
  });

  it('marks a report overdue once it waited longer than the school target (24 h)', async () => {
    const overdue = (items: { id: string; overdue: boolean }[]) =>
      items.filter((i) => i.overdue).map((i) => i.id);
    expect(overdue((await f.inbox(me.cookie)).items)).toEqual([]);
    f.t.advance(21 * HOUR); // "old" has waited 4 + 21 = 25 hours (since its coarse hour)
    me = await f.member(SP1_COUNSELLOR); // the session timed out meanwhile
    expect(overdue((await f.inbox(me.cookie)).items)).toEqual([ids['old']]);
    f.t.advance(4 * HOUR);
    me = await f.member(SP1_COUNSELLOR);
    const later = overdue((await f.inbox(me.cookie)).items);
    expect(later).toEqual([ids['urgent'], ids['old'], ids['fresh']]);
    // Another school's member sees none of these.
    const other = await f.member(SP2_COUNSELLOR);
    expect((await f.inbox(other.cookie)).items.map((i) => i.id)).toEqual([ids['other']]);
  });
});

describe.each(DIALECTS)('staff inbox pages on %s', (dialect) => {
  it('hands out the inbox 50 at a time, in one order, without gaps or repeats', async () => {
    const f = await staffFixture(dialect);
    const org = await findOrganisation(f.t.handle.db, { code: 'SP3' });
    if (!org) throw new Error('no SP3');
    // 120 reports of the school, as the pupil API would store them (its per-school rate limit
    // lets 30 through in ten minutes); metadata only, the inbox never reads the ciphertext.
    const ids = await insertBareReports(f.t.handle.db, org.id, 120, f.t.now);
    const me = await f.member('pedagog.sp3@demo.invalid');
    const pages = [];
    for (let page = 0; page < 3; page++) pages.push(await f.inbox(me.cookie, `?page=${page}`));
    expect(pages.map((p) => p.items.length)).toEqual([50, 50, 20]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    const listed = pages.flatMap((p) => p.items.map((i) => i.id));
    expect(new Set(listed).size).toBe(120);
    expect(listed.sort()).toEqual([...ids].sort());
    expect((await f.inbox(me.cookie, '?page=3')).items).toEqual([]);
    for (const bad of ['?page=-1', '?page=1.5', '?page=abc', '?page=1001']) {
      expect((await f.get(me.cookie, `/api/staff/reports${bad}`)).status).toBe(400);
    }
    await f.t.close();
  });
});
