// Moving a running SQLite deployment to PostgreSQL [Note: sqlite to postgres]: the demo
// municipality with a report, its photo, a thread both ways and an escalation to the CdR, copied
// by `admin copy-to-postgres` into a new PostgreSQL database. The PostgreSQL-backed app then
// answers exactly what the SQLite-backed one did (the same staff sessions, cases, attachment
// bytes, escalation, audit view), and a second copy into the now-filled database is refused. By
// nature this test uses both dialects at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { appendAudit, verifyAuditChain } from '../../server/db/repositories/audit.ts';
import { appTables, countRows } from '../../server/db/tables-list.ts';
import { composeAttachment, toB64 } from '../../shared/crypto/index.ts';
import { runScript } from '../tools/cli-process.ts';
import { PupilClient, viaApp } from '../tools/pupil-client.ts';
import { staffHeaders } from '../tools/staff-session.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { EMPTY_PACKAGE, escalate, orgOf, type Escalated } from './escalation-fixture.ts';
import {
  ADMIN,
  CDR_SPECIALIST,
  SP1_COUNSELLOR,
  staffFixture,
  type Member,
  type StaffFixture,
} from './staff-cases-fixture.ts';
import { createPostgresDatabase } from './test-db.ts';

describe('copy from SQLite to PostgreSQL', () => {
  let f: StaffFixture;
  let counsellor: Member;
  let cdrMember: Member;
  let admin: Member;
  let report: Awaited<ReturnType<StaffFixture['submitted']>>;
  let photo = '';
  let esc: Escalated;
  let pg: DatabaseHandle | undefined;
  let onPg: TestApp | undefined;

  beforeAll(async () => {
    f = await staffFixture('sqlite');
    counsellor = await f.member(SP1_COUNSELLOR);
    cdrMember = await f.member(CDR_SPECIALIST);
    admin = await f.member(ADMIN);
    const school = orgOf(f, 'SP1');
    const pupil = f.client('SP1');
    report = await f.submitted(pupil, { v: 1, text: 'W domu jest źle.', lang: 'pl' });
    const a = composeAttachment(pupil.sodium, {
      messageId: null,
      threadKey: report.threadKey,
      reportId: report.reportId,
      authorRole: 'pupil',
      name: 'zdjecie.jpg',
      type: 'image/jpeg',
      bytes: new Uint8Array(70_000).map((_, i) => i % 251),
    });
    const uploaded = await pupil.upload(report.token, {
      id: a.id,
      fileKeyWrapped: toB64(a.fileKeyWrapped),
      meta: toB64(a.meta),
      data: a.data,
    });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    photo = a.id;
    await f.reply(counsellor, report.reportId, 'Jestem tu, napisz więcej.');
    esc = await escalate(f, counsellor, {
      reportId: report.reportId,
      school,
      cdr: orgOf(f, 'CDR'),
      pkg: EMPTY_PACKAGE,
      reason: 'Przemoc w domu.',
      threadKey: report.threadKey,
    });
    // A few more reports in other schools, so more than one organisation's rows travel.
    for (const code of ['SP2', 'SP3', 'SP3']) await f.submitted(f.client(code));
  });
  afterAll(async () => {
    await f.t.close();
    await pg?.close();
  });

  it('copies every row in one transaction, and the PostgreSQL app answers as the SQLite one', async () => {
    const sqlitePath = f.t.handle.sqlitePath;
    if (!sqlitePath) throw new Error('the fixture has no SQLite file');
    const databaseUrl = await createPostgresDatabase();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      DATABASE_URL: databaseUrl,
    };
    const copied = await runScript(
      'server/cli/admin.ts',
      ['copy-to-postgres', '--from', sqlitePath],
      env,
    );
    expect(copied.status, copied.stderr).toBe(0);
    expect(copied.stdout).toMatch(/row counts match and \d+ audit chains are whole/);
    expect(copied.stdout).not.toContain(databaseUrl);

    pg = openDatabase({ databaseUrl, dataDir: ':memory:' });
    const sqliteDb = f.t.handle.db;
    const tables = await appTables(pg.db);
    expect(tables).toEqual(await appTables(sqliteDb));
    for (const table of tables) {
      expect(await countRows(pg.db, table), table).toBe(await countRows(sqliteDb, table));
    }
    expect(await countRows(pg.db, 'attachment_chunks')).toBeGreaterThan(0);
    expect(await countRows(pg.db, 'escalations')).toBe(1);
    for (const orgId of [null, ...f.orgs.map((o) => o.id)]) {
      expect(await verifyAuditChain(pg.db, orgId)).toBeNull();
    }

    onPg = await createTestApp('postgres', { handle: pg });
    const same = async (cookie: string, path: string) => {
      const a = await f.get(cookie, path);
      const b = await onPg!.app.request(path, { headers: staffHeaders(cookie) });
      expect(a.status, path).toBe(200);
      expect(b.status, `${path} on PostgreSQL`).toBe(200);
      expect(Buffer.from(await b.arrayBuffer()), path).toEqual(Buffer.from(await a.arrayBuffer()));
    };
    await same(counsellor.cookie, `/api/staff/reports/${report.reportId}`);
    await same(counsellor.cookie, `/api/staff/reports/${report.reportId}/attachments/${photo}`);
    await same(counsellor.cookie, '/api/staff/reports');
    await same(cdrMember.cookie, `/api/staff/escalations/${esc.id}`);
    await same(admin.cookie, '/api/staff/audit');
    // The pupil's receipt opens the same thread from PostgreSQL.
    const school = orgOf(f, 'SP1');
    const onSqlite = await f.client('SP1').thread(report.token);
    const fromPg = await new PupilClient(f.client().sodium, viaApp(onPg.app), school).thread(
      report.token,
    );
    expect(fromPg.status).toBe(200);
    expect(await fromPg.text()).toBe(await onSqlite.text());

    // New rows continue after the copied ids: the audit log's sequence moved past them.
    await appendAudit(
      pg.db,
      { orgId: null, actorId: null, action: 'test.after_copy', at: new Date() },
      'postgres',
    );
    expect(await verifyAuditChain(pg.db, null)).toBeNull();

    // A second copy into the database now in use is refused, and changes nothing.
    const before = await countRows(pg.db, 'reports');
    const again = await runScript(
      'server/cli/admin.ts',
      ['copy-to-postgres', '--from', sqlitePath],
      env,
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/the PostgreSQL database is not empty/);
    expect(await countRows(pg.db, 'reports')).toBe(before);
  });
});
