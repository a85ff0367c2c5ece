// E-mail alerts through a real SMTP server on loopback (smtp-server): an urgent report at SP1
// reaches exactly the opted-in counsellors of SP1, once each, with the school code, "pilne" and a
// link to the case by its id (sealed while queued), but none of the report's content or category;
// urgent-only members skip ordinary reports; a
// dead mail server never fails the pupil and leaves a content-free log line. Alerts wait in the
// database [Note: alert delay]: ordinary ones for a random moment of the next hour, one per hour,
// urgent ones up to five minutes; a restarted process sends what was queued. A flood of reports
// sends one alert, not one each [Note: admission].
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertSettingsDto } from '../../shared/protocol/staff.ts';
import { smtpMailer } from '../../server/alerts/email.ts';
import {
  alertSchedule,
  createAlertSender,
  URGENT_MAX_DELAY_MS,
} from '../../server/alerts/sender.ts';
import { DEFAULT_RATE_LIMITS } from '../../server/middleware/rate-limit.ts';
import { EMPTY_PACKAGE, escalate, orgOf } from './escalation-fixture.ts';
import { DIALECTS } from './test-db.ts';
import { findOrganisation } from '../../server/db/repositories/organisations.ts';
import {
  ADMIN,
  CDR_SPECIALIST,
  SP1_COUNSELLOR,
  SP2_COUNSELLOR,
  staffFixture,
  type StaffFixture,
} from './staff-cases-fixture.ts';

const CANARY = 'kanarek-e-mail-5d1e';
const HOUR = 60 * 60 * 1000;

interface Mail {
  to: string[];
  raw: string;
}

async function startSmtp(): Promise<{ server: SMTPServer; url: string; mails: Mail[] }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, cb) => cb(null, { user: auth.username }),
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { server, url: `smtp://alerts:secret@127.0.0.1:${port}`, mails };
}

/** Quoted-printable soft breaks and escapes undone, enough to search the text. */
const unfold = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/(=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'));

describe.each(DIALECTS)('e-mail alerts on %s', (dialect) => {
  let f: StaffFixture;
  /** Queued alerts sent as if their (random, at most two hours') delay had passed. */
  const deliverAll = async () => {
    await f.t.alerts.settled();
    await f.t.alerts.deliverDue(new Date(f.t.now.getTime() + 2 * 60 * 60 * 1000));
  };
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  const settings = (email: string, extra: Partial<AlertSettingsDto> = {}): AlertSettingsDto => ({
    email,
    emailEnabled: true,
    pushEnabled: false,
    urgentOnly: false,
    ...extra,
  });

  beforeAll(async () => {
    smtp = await startSmtp();
    f = await staffFixture(dialect, {
      // A fresh instance's step: a school's flood begins at its 20th report in an hour.
      limits: { reportsPerBit: DEFAULT_RATE_LIMITS.reportsPerBit },
      alerts: (db, log, clock, writer) =>
        createAlertSender({
          db,
          writer,
          log,
          clock,
          staffUrl: 'https://glos.example.invalid/staff/',
          mailer: smtpMailer(smtp.url, 'Bezpieczny Głos <alerts@example.invalid>'),
          pusher: null,
          pushPublicKey: null,
        }),
    });
    const put = async (cookie: string, body: AlertSettingsDto) => {
      const res = await f.send(cookie, 'PUT', '/api/staff/me/alerts', body);
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await put((await f.member(SP1_COUNSELLOR)).cookie, settings('pedagog1@example.invalid'));
    await put(
      (await f.addMember('SP1')).cookie,
      settings('urgent@example.invalid', { urgentOnly: true }),
    );
    await put(
      (await f.addMember('SP1')).cookie,
      settings('off@example.invalid', { emailEnabled: false }),
    );
    await f.addMember('SP1'); // never set anything: no e-mail
    const leaving = await f.addMember('SP1');
    await put(leaving.cookie, settings('leaving@example.invalid'));
    await f.t.handle.db
      .updateTable('staff')
      .set({ status: 'deactivated' })
      .where('id', '=', leaving.id)
      .execute();
    await put((await f.member(SP2_COUNSELLOR)).cookie, settings('pedagog2@example.invalid'));
  });
  afterAll(async () => {
    await f.t.alerts.settled();
    await f.t.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('stores and answers the settings; e-mail alerts need an address', async () => {
    const me = await f.member(SP1_COUNSELLOR);
    const res = await f.get(me.cookie, '/api/staff/me/alerts');
    expect(await res.json()).toEqual(settings('pedagog1@example.invalid'));
    const fresh = await f.addMember('SP3');
    expect(await (await f.get(fresh.cookie, '/api/staff/me/alerts')).json()).toEqual({
      email: null,
      emailEnabled: false,
      pushEnabled: false,
      urgentOnly: false,
    });
    const bad = await f.send(fresh.cookie, 'PUT', '/api/staff/me/alerts', {
      email: null,
      emailEnabled: true,
      pushEnabled: false,
      urgentOnly: false,
    });
    expect(bad.status).toBe(400);
  });

  it('mails an urgent report to the opted-in counsellors of that school only, linked to the case, without content', async () => {
    const pupil = f.client('SP1');
    const report = pupil.compose({ text: CANARY, category: 'home' }, true);
    expect((await pupil.submit(report)).status).toBe(201);
    await f.t.alerts.settled();
    // While it waits, the row holds the report only sealed [Note: urgent alert links].
    const [row] = await f.t.handle.db.selectFrom('alert_queue').selectAll().execute();
    expect(row?.case_link_sealed).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(report.reportId);
    await deliverAll();
    expect(smtp.mails.flatMap((m) => m.to).sort()).toEqual([
      'pedagog1@example.invalid',
      'urgent@example.invalid',
    ]);
    for (const mail of smtp.mails) {
      const text = unfold(mail.raw);
      expect(text).toContain('SP1');
      expect(text).toContain('pilne');
      expect(text).toContain(`https://glos.example.invalid/staff/reports/${report.reportId}`);
      for (const secret of [CANARY, 'home', 'domestic']) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('skips urgent-only members for an ordinary report, and tells of a new message', async () => {
    smtp.mails.length = 0;
    const pupil = f.client('SP1');
    const report = await f.submitted(pupil, { text: CANARY });
    await deliverAll();
    expect(smtp.mails.flatMap((m) => m.to)).toEqual(['pedagog1@example.invalid']);
    expect(unfold(smtp.mails[0]?.raw ?? '')).not.toContain('pilne');
    // An ordinary alert stands for the hour's reports: it leads to the inbox, naming none.
    expect(unfold(smtp.mails[0]?.raw ?? '')).not.toContain('/staff/reports/');

    smtp.mails.length = 0;
    const res = await pupil.postMessage(report.token, pupil.composeMessage(report, 1, undefined));
    expect(res.status).toBe(201);
    await deliverAll();
    expect(smtp.mails.flatMap((m) => m.to)).toEqual(['pedagog1@example.invalid']);
    expect(unfold(smtp.mails[0]?.raw ?? '')).toContain('nowa wiadomość');
  });

  it('tells the CdR specialists when the pupil writes in a conversation handed to them', async () => {
    const cdrMember = await f.member(CDR_SPECIALIST);
    const res = await f.send(
      cdrMember.cookie,
      'PUT',
      '/api/staff/me/alerts',
      settings('cdr@example.invalid'),
    );
    expect(res.status).toBe(200);
    const pupil = f.client('SP1');
    const report = await f.submitted(pupil, { text: CANARY });
    smtp.mails.length = 0;
    const escalated = await escalate(f, await f.member(SP1_COUNSELLOR), {
      reportId: report.reportId,
      school: orgOf(f, 'SP1'),
      cdr: orgOf(f, 'CDR'),
      pkg: EMPTY_PACKAGE,
      reason: 'reason',
      threadKey: report.threadKey,
    });
    await deliverAll();
    // The escalation's alert links straight to it, by its id only [Note: alert links].
    const toCdr = smtp.mails.find((x) => x.to.includes('cdr@example.invalid'));
    const linked = unfold(toCdr?.raw ?? '');
    expect(linked).toContain(`https://glos.example.invalid/staff/escalations/${escalated.id}`);
    expect(linked).not.toContain(report.reportId);
    expect(linked).not.toContain(CANARY);
    smtp.mails.length = 0;
    const m = pupil.composeMessage(report, 1, undefined, { v: 1, text: CANARY });
    expect((await pupil.postMessage(report.token, m)).status).toBe(201);
    await deliverAll();
    expect(smtp.mails.flatMap((x) => x.to).sort()).toEqual([
      'cdr@example.invalid',
      'pedagog1@example.invalid',
    ]);
    for (const mail of smtp.mails) {
      const text = unfold(mail.raw);
      expect(text).toContain('W szkole SP1 czeka nowa wiadomość');
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(report.reportId);
    }
  });

  it('mails the school office mailbox the administrator set: urgent only, or everything', async () => {
    const admin = await f.member(ADMIN);
    const org = await findOrganisation(f.t.handle.db, { code: 'SP1' });
    if (!org) throw new Error('no SP1');
    const setMailbox = async (alertUrgentOnly: boolean) => {
      const res = await f.send(admin.cookie, 'PUT', `/api/staff/admin/orgs/${org.id}`, {
        address: null,
        phone: null,
        hours: null,
        waitTargetHours: 24,
        alertEmail: 'sekretariat.sp1@example.invalid',
        alertUrgentOnly,
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toMatchObject({
        alertEmail: 'sekretariat.sp1@example.invalid',
        alertUrgentOnly,
      });
    };
    const mailedTo = async (urgent: boolean) => {
      smtp.mails.length = 0;
      const pupil = f.client('SP1');
      expect((await pupil.submit(pupil.compose({ text: CANARY }, urgent))).status).toBe(201);
      await deliverAll();
      return smtp.mails.flatMap((m) => m.to).sort();
    };
    await setMailbox(true);
    expect(await mailedTo(false)).toEqual(['pedagog1@example.invalid']);
    expect(await mailedTo(true)).toEqual([
      'pedagog1@example.invalid',
      'sekretariat.sp1@example.invalid',
      'urgent@example.invalid',
    ]);
    await setMailbox(false);
    expect(await mailedTo(false)).toEqual([
      'pedagog1@example.invalid',
      'sekretariat.sp1@example.invalid',
    ]);
    const bad = await f.send(admin.cookie, 'PUT', `/api/staff/admin/orgs/${org.id}`, {
      address: null,
      phone: null,
      hours: null,
      waitTargetHours: 24,
      alertEmail: 'not an address',
    });
    expect(bad.status).toBe(400);
  });

  it('delays ordinary alerts to a random moment of the next hour, one for the hour, kept over a restart', async () => {
    smtp.mails.length = 0;
    const queued = () => f.t.handle.db.selectFrom('alert_queue').selectAll().execute();
    // Two reports at odd minutes of one hour.
    const hour = (Math.floor(f.t.now.getTime() / HOUR) + 1) * HOUR;
    f.t.advance(hour + 7 * 60_000 + 13_000 - f.t.now.getTime());
    const pupil = f.client('SP1');
    const first = await f.submitted(pupil, { text: CANARY });
    f.t.advance(31 * 60_000 + 7_000);
    await f.submitted(pupil, { text: CANARY });
    await f.t.alerts.settled();
    expect(await f.t.alerts.deliverDue()).toBe(0);
    expect(smtp.mails).toEqual([]);
    const rows = await queued();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    if (!row) throw new Error('no queued alert');
    const due = Date.parse(row.due_at);
    expect(due).toBeGreaterThanOrEqual(hour + HOUR);
    expect(due).toBeLessThan(hour + 2 * HOUR);
    expect(JSON.stringify(row)).not.toContain(first.reportId);
    // A process started afresh over the same database sends it when it is due, once.
    const restarted = createAlertSender({
      db: f.t.handle.db,
      log: () => undefined,
      clock: () => new Date(due),
      staffUrl: 'https://glos.example.invalid/staff/',
      mailer: smtpMailer(smtp.url, 'Bezpieczny Głos <alerts@example.invalid>'),
      pusher: null,
      pushPublicKey: null,
    });
    expect(await restarted.deliverDue(new Date(due - 1))).toBe(0);
    expect(await restarted.deliverDue()).toBe(1);
    expect(smtp.mails.flatMap((m) => m.to).sort()).toEqual([
      'pedagog1@example.invalid',
      'sekretariat.sp1@example.invalid',
    ]);
    expect(await queued()).toEqual([]);
  });

  it('sends an urgent alert at a random moment within five minutes', async () => {
    smtp.mails.length = 0;
    const now = f.t.now.getTime();
    const pupil = f.client('SP1');
    expect((await pupil.submit(pupil.compose({ text: CANARY }, true))).status).toBe(201);
    await f.t.alerts.settled();
    const [row] = await f.t.handle.db.selectFrom('alert_queue').selectAll().execute();
    if (!row) throw new Error('no queued alert');
    expect(row).toMatchObject({ urgent: 1, batch_key: null });
    expect(Date.parse(row.due_at)).toBeGreaterThanOrEqual(now);
    expect(Date.parse(row.due_at)).toBeLessThan(now + URGENT_MAX_DELAY_MS);
    expect(await f.t.alerts.deliverDue(new Date(now + URGENT_MAX_DELAY_MS))).toBe(1);
    expect(smtp.mails.flatMap((m) => m.to)).toContain('urgent@example.invalid');
  });

  it('sends an alert whose sender died after claiming it, once the claim runs out', async () => {
    smtp.mails.length = 0;
    const pupil = f.client('SP1');
    expect((await pupil.submit(pupil.compose({ text: CANARY }, true))).status).toBe(201);
    await f.t.alerts.settled();
    const later = new Date(f.t.now.getTime() + URGENT_MAX_DELAY_MS);
    // A process took the row and died before sending it.
    await f.t.handle.db
      .updateTable('alert_queue')
      .set({ claimed_until: new Date(later.getTime() + 60_000).toISOString() })
      .execute();
    expect(await f.t.alerts.deliverDue(later)).toBe(0);
    const survivor = createAlertSender({
      db: f.t.handle.db,
      log: () => undefined,
      clock: () => new Date(later.getTime() + 2 * 60_000),
      staffUrl: 'https://glos.example.invalid/staff/',
      mailer: smtpMailer(smtp.url, 'Bezpieczny Głos <alerts@example.invalid>'),
      pusher: null,
      pushPublicKey: null,
    });
    expect(await survivor.deliverDue()).toBe(1);
    expect(smtp.mails.flatMap((m) => m.to)).toContain('urgent@example.invalid');
    expect(await f.t.handle.db.selectFrom('alert_queue').selectAll().execute()).toEqual([]);
    // The survivor cannot open the dead process's sealed link: its alert leads to the inbox.
    for (const mail of smtp.mails) {
      const text = unfold(mail.raw);
      expect(text).toContain('https://glos.example.invalid/staff/\r\n');
      expect(text).not.toContain('/staff/reports/');
    }
  });

  it('bounds the schedule; an ordinary alert does not depend on the minute of the report', () => {
    const at = new Date('2026-11-23T10:47:13.000Z');
    const event = { kind: 'report' as const, orgId: 'o', reportId: 'r', urgent: false };
    for (const pick of [() => 0, (max: number) => max - 1]) {
      const ordinary = alertSchedule(event, at, pick).dueAt.getTime();
      expect(ordinary).toBeGreaterThanOrEqual(Date.parse('2026-11-23T11:00:00.000Z'));
      expect(ordinary).toBeLessThan(Date.parse('2026-11-23T12:00:00.000Z'));
      // Where the report fell within its hour changes nothing.
      const early = new Date('2026-11-23T10:00:01.000Z');
      expect(alertSchedule(event, early, pick).dueAt.getTime()).toBe(ordinary);
      const urgent = alertSchedule({ ...event, urgent: true }, at, pick).dueAt.getTime();
      expect(urgent - at.getTime()).toBeGreaterThanOrEqual(0);
      expect(urgent - at.getTime()).toBeLessThan(URGENT_MAX_DELAY_MS);
    }
  });

  it('mails one content-free alert for a flood of reports, not one per report', async () => {
    smtp.mails.length = 0;
    const pupil = f.client('SP2');
    const step = DEFAULT_RATE_LIMITS.reportsPerBit;
    for (let i = 0; i < 2 * step; i++) await f.submitted(pupil, { text: CANARY });
    await deliverAll();
    const texts = smtp.mails.map((m) => unfold(m.raw));
    // The ordinary reports of the hour share one alert; the flood has its own.
    expect(smtp.mails.flatMap((m) => m.to)).toEqual(Array(2).fill('pedagog2@example.invalid'));
    const flood = texts.filter((t) => t.includes('bardzo dużo zgłoszeń naraz'));
    expect(flood).toHaveLength(1);
    expect(flood[0]).toContain('SP2');
    expect(flood[0]).toContain('https://glos.example.invalid/staff/');
    expect(flood[0]).not.toContain(CANARY);
    // No count of reports (the headers' random ids and date aside).
    const said = (flood[0] ?? '').replace(/^(Message-ID|Date):.*$/gm, '');
    expect(said).not.toMatch(/\b(20|40)\b/);
  });

  it('never fails the pupil when the mail server is down; logs a content-free line', async () => {
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    const pupil = f.client('SP1');
    await f.submitted(pupil, { text: CANARY });
    await deliverAll();
    const errors = f.t.logs.filter((l) => l.msg === 'alert not sent');
    expect(errors.length).toBeGreaterThan(0);
    for (const line of errors) {
      expect(line.error).toMatch(/^email: [A-Za-z0-9_]+$/);
      expect(JSON.stringify(line)).not.toContain('@');
    }
  });
});
