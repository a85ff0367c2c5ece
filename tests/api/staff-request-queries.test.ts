// What every staff request reads, read in one query (middleware/staff-auth.ts): the session, its
// member, the school's wait target and inbox generation. An inbox page is that query and the page
// itself, and only the first query while nothing the page shows has changed [Note: inbox
// generation]. Nothing of the session is cached in a process: a second app over the same database
// (a second server process) sees a logout, a deactivation and a new wait target at its very next
// request, and any change an inbox shows, made by the other process or by hand in the database.
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxDto } from '../../shared/protocol/staff.ts';
import { findOrganisation } from '../../server/db/repositories/organisations.ts';
import { staffHeaders, staffJson } from '../tools/staff-session.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { DIALECTS } from './test-db.ts';
import { SP1_COUNSELLOR, staffFixture, type StaffFixture } from './staff-cases-fixture.ts';

describe.each(DIALECTS)('staff request queries on %s', (dialect) => {
  let f: StaffFixture;
  /** The second process: its own app over the same database, counting the queries it sends. */
  let other: TestApp;
  const sent: string[] = [];
  const counting: KyselyPlugin = {
    transformQuery: (args) => {
      sent.push(args.node.kind);
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };

  beforeAll(async () => {
    f = await staffFixture(dialect);
    const handle = { ...f.t.handle, db: f.t.handle.db.withPlugin(counting), close: async () => {} };
    other = await createTestApp(dialect, { handle });
  });
  afterAll(() => f.t.close());

  const inboxOn = (t: TestApp, cookie: string) =>
    t.app.request('/api/staff/reports', { headers: staffHeaders(cookie) });

  it('reads an inbox page with two queries: the session with all it needs, and the page', async () => {
    const me = await f.member(SP1_COUNSELLOR);
    await f.submitted(f.client('SP1'));
    sent.length = 0;
    const res = await inboxOn(other, me.cookie);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as InboxDto).items.length).toBeGreaterThan(0);
    expect(sent).toEqual(['SelectQueryNode', 'SelectQueryNode']);
  });

  it('serves an unchanged page again with the session query alone', async () => {
    const me = await f.member(SP1_COUNSELLOR);
    await f.submitted(f.client('SP1'));
    const first = await (await inboxOn(other, me.cookie)).text();
    sent.length = 0;
    const again = await inboxOn(other, me.cookie);
    expect(await again.text()).toBe(first);
    expect(sent).toEqual(['SelectQueryNode']);
    // Another page or filter is another page: read from the database.
    sent.length = 0;
    const unread = await other.app.request('/api/staff/reports?filter=unread', {
      headers: staffHeaders(me.cookie),
    });
    expect(unread.status).toBe(200);
    expect(sent).toEqual(['SelectQueryNode', 'SelectQueryNode']);
  });

  it('reads the page again after any change it shows, by the other process or by hand', async () => {
    const me = await f.member(SP1_COUNSELLOR);
    const items = async () => ((await (await inboxOn(other, me.cookie)).json()) as InboxDto).items;
    const item = async (id: string) => (await items()).find((i) => i.id === id);
    // A new report, through the first process.
    const pupil = f.client('SP1');
    const report = await f.submitted(pupil);
    expect(await item(report.reportId)).toMatchObject({ status: 'new', unread: true });
    // The counsellor opens it in the first process: read in the second.
    const opened = await f.t.app.request(`/api/staff/reports/${report.reportId}`, {
      headers: staffHeaders(me.cookie),
    });
    expect(opened.status).toBe(200);
    expect(await item(report.reportId)).toMatchObject({ unread: false });
    // The pupil writes: unread again.
    const message = pupil.composeMessage(report, 1, undefined);
    expect((await pupil.postMessage(report.token, message)).status).toBe(201);
    expect(await item(report.reportId)).toMatchObject({ unread: true });
    // By hand in the database, as an administrator's SQL would: the triggers count it too.
    await f.t.handle.db
      .updateTable('reports')
      .set({ status: 'closed', category: 'other' })
      .where('id', '=', report.reportId)
      .execute();
    expect(await item(report.reportId)).toMatchObject({ status: 'closed', category: 'other' });
    await f.t.handle.db.deleteFrom('report_reads').execute();
    await f.t.handle.db.deleteFrom('messages').where('report_id', '=', report.reportId).execute();
    await f.t.handle.db.deleteFrom('reports').where('id', '=', report.reportId).execute();
    expect(await item(report.reportId)).toBeUndefined();
  });

  it('follows a new wait target of the school at the next request', async () => {
    const me = await f.member(SP1_COUNSELLOR);
    const org = await findOrganisation(f.t.handle.db, { code: 'SP1' });
    if (!org) throw new Error('no SP1');
    const overdue = async () =>
      ((await (await inboxOn(other, me.cookie)).json()) as InboxDto).items.some((i) => i.overdue);
    expect(await overdue()).toBe(false);
    await f.t.handle.db
      .updateTable('organisations')
      .set({ wait_target_hours: 0 })
      .where('id', '=', org.id)
      .execute();
    // Reports waiting since this hour are overdue once the target is no time at all.
    expect(await overdue()).toBe(true);
  });

  it('refuses a session the other process ended, or whose member it deactivated', async () => {
    const loggedOut = await f.addMember('SP1');
    expect((await inboxOn(other, loggedOut.cookie)).status).toBe(200);
    const logout = await f.t.app.request(
      '/api/staff/logout',
      staffJson(loggedOut.cookie, 'POST', {}),
    );
    expect(logout.status).toBe(204);
    expect((await inboxOn(other, loggedOut.cookie)).status).toBe(401);

    const leaving = await f.addMember('SP1');
    expect((await inboxOn(other, leaving.cookie)).status).toBe(200);
    // Only the member's status changes, the session row stays: the one query must still refuse.
    await f.t.handle.db
      .updateTable('staff')
      .set({ status: 'deactivated' })
      .where('id', '=', leaving.id)
      .execute();
    expect((await inboxOn(other, leaving.cookie)).status).toBe(401);
  });
});
