// [Note: coarse pupil time] checked against the database itself: every row the pupil's requests
// write or change (a report, an attachment, messages, coming back with the receipt, the session
// ended) is found by comparing every table before and after, and every time in it must be a whole
// hour. The clock stands at odd minutes and seconds and moves between the pupil's actions. No
// column is exempt: a session's and a spent proof of work's expiry are rounded up to the hour,
// and the session's idle bound that still holds is checked too. The alerts the visit causes are
// queued by the real sender [Note: alert delay]: an ordinary alert's due time is a random moment
// of the hour after, so it is checked to lie there rather than on a whole hour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PupilThreadDto } from '../../shared/protocol/pupil.ts';
import { createAlertSender } from '../../server/alerts/sender.ts';
import { SESSION_IDLE_MS } from '../../server/services/pupil-session.ts';
import { bearer } from '../tools/pupil-client.ts';
import { SP1_COUNSELLOR, staffFixture, type StaffFixture } from './staff-cases-fixture.ts';
import { DIALECTS } from './test-db.ts';

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
type Row = Record<string, unknown>;
/** Per table, each row by its identity (its first two columns: the key, or the key's start). */
type Snapshot = Map<string, Map<string, Row>>;
const identity = (row: Row) => JSON.stringify(Object.values(row).slice(0, 2));

async function snapshot(f: StaffFixture): Promise<Snapshot> {
  const db = f.t.handle.db;
  const tables = (await db.introspection.getTables()).map((t) => t.name);
  const snap: Snapshot = new Map();
  for (const table of tables.filter((t) => !t.startsWith('kysely_'))) {
    // Table names come from the database's own catalogue, not from input.
    const rows = (await db
      .selectFrom(table as 'reports')
      .selectAll()
      .execute()) as Row[];
    snap.set(table, new Map(rows.map((r) => [identity(r), r])));
  }
  return snap;
}

/** Every time value a new row holds, or a changed row now holds, as table.column and value. */
function writtenTimes(before: Snapshot, after: Snapshot): { column: string; value: string }[] {
  const times: { column: string; value: string }[] = [];
  for (const [table, rows] of after) {
    for (const [id, row] of rows) {
      const old = before.get(table)?.get(id);
      for (const [name, value] of Object.entries(row)) {
        if (typeof value !== 'string' || !ISO_TIME.test(value) || old?.[name] === value) continue;
        times.push({ column: `${table}.${name}`, value });
      }
    }
  }
  return times;
}

const wholeHour = (iso: string) => new Date(iso).getTime() % (60 * 60 * 1000) === 0;
const MINUTES_7_13S = (7 * 60 + 13) * 1000;

describe.each(DIALECTS)('pupil times on %s', (dialect) => {
  let f: StaffFixture;
  const written: { column: string; value: string }[] = [];
  let sessionsLeft = -1;
  let reportId = '';

  beforeAll(async () => {
    f = await staffFixture(dialect, {
      alerts: (db, log, clock, writer) =>
        createAlertSender({
          db,
          writer,
          log,
          clock,
          staffUrl: 'https://glos.example.invalid/staff/',
          mailer: null,
          pusher: null,
          pushPublicKey: null,
        }),
    });
    expect(wholeHour(f.t.now.toISOString())).toBe(false);
    const pupil = f.client('SP1');
    const counsellor = await f.member(SP1_COUNSELLOR);

    // The pupil: a report, a photo, a message; minutes and seconds pass between them.
    let before = await snapshot(f);
    const report = await f.submitted(pupil);
    reportId = report.reportId;
    f.t.advance(MINUTES_7_13S);
    const photo = pupil.composeAttachment(report, new Uint8Array([1, 2, 3]));
    expect((await pupil.upload(report.token, photo)).status).toBe(201);
    f.t.advance(MINUTES_7_13S);
    const first = pupil.composeMessage(report, 1, undefined);
    expect((await pupil.postMessage(report.token, first)).status).toBe(201);
    await f.t.alerts.settled();
    written.push(...writtenTimes(before, await snapshot(f)));

    // The counsellor answers (their own times may be exact; they are not checked here).
    f.t.advance(MINUTES_7_13S);
    await f.reply(counsellor, reportId, 'Jestem tu.');

    // The pupil comes back with the receipt, reads, answers with a photo, and ends the session.
    before = await snapshot(f);
    f.t.advance(MINUTES_7_13S);
    const opened = await pupil.openReceipt(report.receiptCode);
    expect(opened.status).toBe(200);
    const { session, thread } = (await opened.json()) as {
      session: { token: string };
      thread: PupilThreadDto;
    };
    expect((await pupil.thread(session.token)).status).toBe(200);
    expect((await pupil.download(session.token, photo.id)).status).toBe(200);
    f.t.advance(MINUTES_7_13S);
    const tip = thread.messages.at(-1);
    const answer = pupil.composeMessage(report, 3, tip?.blob);
    expect((await pupil.postMessage(session.token, answer)).status).toBe(201);
    const second = pupil.composeAttachment(report, new Uint8Array([4, 5, 6]));
    expect((await pupil.upload(session.token, second, answer.id)).status).toBe(201);
    await f.t.alerts.settled();
    written.push(...writtenTimes(before, await snapshot(f)));
    // The quick exit ends the live session; the first one has expired and goes with the next
    // session anyone opens (pupil_sessions are swept when one is created).
    const ended = await f.t.app.request('/api/pupil/session', {
      method: 'DELETE',
      headers: bearer(session.token),
    });
    expect(ended.status).toBe(204);
    // The first session, idle since the pupil's message, ends within 75 minutes at most.
    f.t.advance(SESSION_IDLE_MS + 60 * 60 * 1000);
    expect((await pupil.thread(report.token)).status).toBe(401);
    await f.submitted(f.client('SP2'));
    const left = await f.t.handle.db
      .selectFrom('pupil_sessions')
      .select('token_hash')
      .where('report_id', '=', reportId)
      .execute();
    sessionsLeft = left.length;
  });
  afterAll(() => f.t.close());

  it('stores every time the pupil caused as a whole hour', () => {
    const columns = new Set(written.map((w) => w.column));
    // What the pupil's requests wrote: the walk must have found these, at the very least.
    for (const c of [
      'reports.created_hour',
      'reports.updated_at',
      'reports.waiting_since',
      'messages.created_at',
      'attachments.created_at',
      'audit_log.created_at',
      'pupil_sessions.expires_at',
      'pow_spent.expires_at',
    ])
      expect(columns, c).toContain(c);
    const alertDue = written.filter((w) => w.column === 'alert_queue.due_at');
    const exact = written.filter((w) => w.column !== 'alert_queue.due_at' && !wholeHour(w.value));
    expect(exact).toEqual([]);
    // Ordinary alerts (a report and messages, none urgent): due within the hour after the visit's
    // hours, one per kind and hour, whatever the minute.
    expect(alertDue.length).toBeGreaterThan(0);
    expect(alertDue.length).toBeLessThanOrEqual(4);
    for (const { value } of alertDue) {
      const due = Date.parse(value);
      expect(due).toBeGreaterThanOrEqual(Date.parse('2026-11-23T11:00:00.000Z'));
      expect(due).toBeLessThan(Date.parse('2026-11-23T13:00:00.000Z'));
    }
  });

  it('ends sessions, and spent proofs of work hold no school or session', async () => {
    expect(sessionsLeft).toBe(0);
    const spent = await f.t.handle.db.selectFrom('pow_spent').selectAll().execute();
    expect(spent.length).toBeGreaterThan(0);
    for (const row of spent)
      expect(Object.keys(row).sort()).toEqual(['challenge_id', 'expires_at']);
  });

  it('still bounds an idle session: at least 15 minutes, at most 75', async () => {
    const pupil = f.client('SP1');
    const report = await f.submitted(pupil);
    f.t.advance(SESSION_IDLE_MS - 60_000);
    expect((await pupil.thread(report.token)).status).toBe(200);
    f.t.advance(SESSION_IDLE_MS - 60_000);
    expect((await pupil.thread(report.token)).status).toBe(200);
    f.t.advance(SESSION_IDLE_MS + 60 * 60 * 1000);
    expect((await pupil.thread(report.token)).status).toBe(401);
  });
});
