// E-mail alerts through a real SMTP server on loopback (smtp-server): an urgent report at SP1
// reaches exactly the opted-in counsellors of SP1, once each, with the school code and "pilne" but
// none of the report's content, category or id; urgent-only members skip ordinary reports; a
// flood of reports sends one alert, not one each [Note: admission]; a dead mail server never
// fails the pupil and leaves a content-free log line.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertSettingsDto } from '../../shared/protocol/staff.ts';
import { smtpMailer } from '../../server/alerts/email.ts';
import { createAlertSender } from '../../server/alerts/sender.ts';
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
      alerts: (db, log) =>
        createAlertSender({
          db,
          log,
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

  it('mails an urgent report to the opted-in counsellors of that school only, without content', async () => {
    const pupil = f.client('SP1');
    const report = pupil.compose({ text: CANARY, category: 'home' }, true);
    expect((await pupil.submit(report)).status).toBe(201);
    await f.t.alerts.settled();
    expect(smtp.mails.flatMap((m) => m.to).sort()).toEqual([
      'pedagog1@example.invalid',
      'urgent@example.invalid',
    ]);
    for (const mail of smtp.mails) {
      const text = unfold(mail.raw);
      expect(text).toContain('SP1');
      expect(text).toContain('pilne');
      expect(text).toContain('https://glos.example.invalid/staff/');
      for (const secret of [CANARY, report.reportId, 'home', 'domestic']) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('skips urgent-only members for an ordinary report, and tells of a new message', async () => {
    smtp.mails.length = 0;
    const pupil = f.client('SP1');
    const report = await f.submitted(pupil, { text: CANARY });
    await f.t.alerts.settled();
    expect(smtp.mails.flatMap((m) => m.to)).toEqual(['pedagog1@example.invalid']);
    expect(unfold(smtp.mails[0]?.raw ?? '')).not.toContain('pilne');

    smtp.mails.length = 0;
    const res = await pupil.postMessage(report.token, pupil.composeMessage(report, 1, undefined));
    expect(res.status).toBe(201);
    await f.t.alerts.settled();
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
    await escalate(f, await f.member(SP1_COUNSELLOR), {
      reportId: report.reportId,
      school: orgOf(f, 'SP1'),
      cdr: orgOf(f, 'CDR'),
      pkg: EMPTY_PACKAGE,
      reason: 'reason',
      threadKey: report.threadKey,
    });
    await f.t.alerts.settled();
    smtp.mails.length = 0;
    const m = pupil.composeMessage(report, 1, undefined, { v: 1, text: CANARY });
    expect((await pupil.postMessage(report.token, m)).status).toBe(201);
    await f.t.alerts.settled();
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
      await f.t.alerts.settled();
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

  it('mails one content-free alert for a flood of reports, not one per report', async () => {
    smtp.mails.length = 0;
    const pupil = f.client('SP2');
    const step = DEFAULT_RATE_LIMITS.reportsPerBit;
    for (let i = 0; i < 2 * step; i++) await f.submitted(pupil, { text: CANARY });
    await f.t.alerts.settled();
    const texts = smtp.mails.map((m) => unfold(m.raw));
    expect(smtp.mails.flatMap((m) => m.to)).toEqual(Array(step).fill('pedagog2@example.invalid'));
    const flood = texts.filter((t) => t.includes('bardzo dużo zgłoszeń naraz'));
    expect(flood).toHaveLength(1);
    expect(flood[0]).toContain('SP2');
    expect(flood[0]).toContain('https://glos.example.invalid/staff/');
    expect(flood[0]).not.toContain(CANARY);
    expect(flood[0]).not.toMatch(/\b(20|40)\b/);
  });

  it('never fails the pupil when the mail server is down; logs a content-free line', async () => {
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    const pupil = f.client('SP1');
    await f.submitted(pupil, { text: CANARY });
    await f.t.alerts.settled();
    const errors = f.t.logs.filter((l) => l.msg === 'alert not sent');
    expect(errors.length).toBeGreaterThan(0);
    for (const line of errors) {
      expect(line.error).toMatch(/^email: [A-Za-z0-9_]+$/);
      expect(JSON.stringify(line)).not.toContain('@');
    }
  });
});
