// Retention [Note: retention]: reports past their period go with everything that belongs to them;
// on SQLite their bytes leave the database file and its WAL. An open report and a report whose
// escalation is still open stay; the job runs once per 24 h, also across restarts; only the
// administrator reads and changes the policy.
import { readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signItem, toB64 } from '../../shared/crypto/index.ts';
import { listAudit, verifyAuditChain } from '../../server/db/repositories/audit.ts';
import { getSetting } from '../../server/db/repositories/settings.ts';
import { startRetentionScheduler } from '../../server/services/retention-scheduler.ts';
import {
  RETENTION_LAST_RUN_KEY,
  runRetention,
  type RetentionDeps,
} from '../../server/services/retention.ts';
import { escalate } from './escalation-fixture.ts';
import {
  ADMIN,
  CDR_SPECIALIST,
  SP1_COUNSELLOR,
  staffFixture,
  type Member,
  type StaffFixture,
} from './staff-cases-fixture.ts';
import { DIALECTS } from './test-db.ts';

const DAY = 24 * 60 * 60 * 1000;
const OWNED = [
  'messages',
  'notes',
  'attachments',
  'pupil_sessions',
  'report_reads',
  'escalations',
] as const;

describe.each(DIALECTS)('retention on %s', (dialect) => {
  let f: StaffFixture;
  let sp1: Member;
  let deps: RetentionDeps;
  const ids = { closed: '', flagged: '', open: '', openEscalation: '', closedEscalation: '' };
  let closedEscalationId = '';
  /** Byte strings of the deleted reports, to look for in the SQLite files afterwards. */
  const secrets: Buffer[] = [];

  const db = () => f.t.handle.db;
  const patch = async (id: string, body: object) => {
    const res = await f.send(sp1.cookie, 'PATCH', `/api/staff/reports/${id}`, body);
    expect(res.status, await res.clone().text()).toBe(200);
  };
  const exists = async (id: string) =>
    (await db().selectFrom('reports').select('id').where('id', '=', id).executeTakeFirst()) !==
    undefined;
  const owned = async (reportId: string) => {
    const counts: Record<string, number> = {};
    for (const table of OWNED) {
      counts[table] = (
        await db().selectFrom(table).select('report_id').where('report_id', '=', reportId).execute()
      ).length;
    }
    return counts;
  };
  const fileBytes = () => {
    const path = f.t.handle.sqlitePath;
    if (!path) throw new Error('no SQLite file');
    const wal = `${path}-wal`;
    return Buffer.concat([
      readFileSync(path),
      existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0),
    ]);
  };

  beforeAll(async () => {
    f = await staffFixture(dialect);
    sp1 = await f.member(SP1_COUNSELLOR);
    deps = { db: db(), dialect, clock: () => f.t.now };
    const client = f.client('SP1');

    // A closed report with a pupil message, a photo, a note and a read mark.
    const closed = await f.submitted(client);
    ids.closed = closed.reportId;
    const message = client.composeMessage(closed, 1, undefined);
    expect((await client.postMessage(closed.token, message)).status).toBe(201);
    const photo = client.composeAttachment(closed, new Uint8Array(20_000).fill(0x5a));
    expect((await client.upload(closed.token, photo, message.id)).status).toBe(201);
    // A stand-in blob, but signed by its author: the server checks signatures before storing.
    const noteId = crypto.randomUUID();
    const noteBlob = new Uint8Array(100).fill(3);
    const noteAd = {
      reportId: ids.closed,
      kind: 'note',
      itemId: noteId,
      authorRole: 'counsellor',
    } as const;
    const note = {
      id: noteId,
      blob: toB64(noteBlob),
      signature: toB64(signItem(client.sodium, sp1.signSecretKey, noteBlob, noteAd)),
    };
    const keyPath = `/api/staff/reports/${ids.closed}/staff-key`;
    const staffKey = { staffKeySealed: toB64(crypto.getRandomValues(new Uint8Array(81))) };
    expect((await f.send(sp1.cookie, 'POST', keyPath, staffKey)).status).toBe(204);
    const noted = await f.send(sp1.cookie, 'POST', `/api/staff/reports/${ids.closed}/notes`, note);
    expect(noted.status, await noted.clone().text()).toBe(201);
    await f.openCase(sp1, ids.closed);
    await patch(ids.closed, { status: 'closed' });

    // A report flagged as a test (not closed), one left open, one with an open escalation.
    ids.flagged = (await f.submitted(client)).reportId;
    await patch(ids.flagged, { flag: 'test' });
    ids.open = (await f.submitted(client)).reportId;
    ids.openEscalation = (await escalate(f, sp1, { code: 'SP1' })).reportId;
    await patch(ids.openEscalation, { status: 'closed' });

    // A closed report whose escalation the CdR finished with an outcome and closed.
    const esc = await escalate(f, sp1, { code: 'SP1' });
    ids.closedEscalation = esc.reportId;
    closedEscalationId = esc.id;
    const cdr = await f.member(CDR_SPECIALIST);
    const escPath = `/api/staff/escalations/${esc.id}`;
    const outcome = {
      id: crypto.randomUUID(),
      service: 'parents_school',
      note: null,
      signature: null,
    };
    expect((await f.send(cdr.cookie, 'POST', `${escPath}/outcomes`, outcome)).status).toBe(201);
    const close = await f.send(cdr.cookie, 'POST', `${escPath}/close`, {
      result: 'support_provided',
    });
    expect(close.status, await close.clone().text()).toBe(200);
    await patch(ids.closedEscalation, { status: 'closed' });

    for (const id of [ids.closed, ids.flagged]) {
      const r = await db()
        .selectFrom('reports')
        .select(['body', 'thread_key_sealed', 'thread_key_pupil', 'staff_key_sealed'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      secrets.push(Buffer.from(r.body.subarray(0, 48)), Buffer.from(r.thread_key_sealed));
      secrets.push(Buffer.from(r.thread_key_pupil));
      if (r.staff_key_sealed) secrets.push(Buffer.from(r.staff_key_sealed));
    }
    const a = await db()
      .selectFrom('attachments as a')
      .innerJoin('attachment_chunks as c', 'c.attachment_id', 'a.id')
      .select(['c.data', 'a.file_key_wrapped'])
      .where('a.report_id', '=', ids.closed)
      .where('c.seq', '=', 0)
      .executeTakeFirstOrThrow();
    // A slice from the middle: the chunk spans several (overflow) pages [Note: attachment chunks].
    expect(a.data.length).toBeGreaterThan(8_064);
    secrets.push(Buffer.from(a.data.subarray(8_000, 8_064)), Buffer.from(a.file_key_wrapped));
  });
  afterAll(() => f.t.close());

  it('keeps everything before the periods end', async () => {
    f.t.advance(60 * DAY);
    expect(await runRetention(deps)).toEqual({ ran: true, deleted: 0 });
    for (const id of Object.values(ids)) expect(await exists(id)).toBe(true);
    if (dialect === 'sqlite') {
      // The check below is meaningful only if the bytes were findable before.
      const bytes = fileBytes();
      for (const s of secrets) expect(bytes.includes(s)).toBe(true);
    }
  });

  it('does not run again within 24 hours, also after a restart', async () => {
    f.t.advance(DAY - 1000);
    expect(await runRetention(deps)).toEqual({ ran: false });
    const scheduler = startRetentionScheduler({ ...deps, log: () => undefined });
    await scheduler.stop();
    expect(await getSetting(db(), RETENTION_LAST_RUN_KEY)).toBe(
      new Date(f.t.now.getTime() - DAY + 1000).toISOString(),
    );
  });

  it('deletes a flagged report after 3 months, a closed one after 12', async () => {
    f.t.advance(40 * DAY); // ~100 days after the reports
    expect(await runRetention(deps)).toEqual({ ran: true, deleted: 1 });
    expect(await exists(ids.flagged)).toBe(false);
    expect(await exists(ids.closed)).toBe(true);

    f.t.advance(270 * DAY); // ~370 days
    // The scheduler's start-up check runs it: the last run is more than 24 h old.
    const scheduler = startRetentionScheduler({ ...deps, log: () => undefined });
    await scheduler.stop();
    expect(await getSetting(db(), RETENTION_LAST_RUN_KEY)).toBe(f.t.now.toISOString());

    for (const id of [ids.closed, ids.flagged, ids.closedEscalation]) {
      expect(await exists(id)).toBe(false);
      expect(await owned(id)).toEqual(Object.fromEntries(OWNED.map((t) => [t, 0])));
    }
    const outcomes = await db()
      .selectFrom('escalation_outcomes')
      .select('id')
      .where('escalation_id', '=', closedEscalationId)
      .execute();
    expect(outcomes).toEqual([]);
    // Open work stays: an open report, and a closed report whose escalation is still open.
    expect(await exists(ids.open)).toBe(true);
    expect(await exists(ids.openEscalation)).toBe(true);
    expect((await owned(ids.openEscalation)).escalations).toBe(1);
  });

  it('leaves none of the deleted bytes in the SQLite file or its WAL', async () => {
    if (dialect !== 'sqlite') return; // PostgreSQL: the rows are gone (above)
    const bytes = fileBytes();
    for (const s of secrets) expect(bytes.includes(s)).toBe(false);
  });

  it('records each run with a count only, in an intact municipality chain', async () => {
    const runs = (await listAudit(db(), null)).filter((e) => e.action === 'retention.run');
    expect(runs.map((e) => e.subject_id)).toEqual(['0', '1', '2']);
    expect(runs.every((e) => e.actor_id === null)).toBe(true);
    expect(await verifyAuditChain(db(), null)).toBeNull();
  });

  it('lets the administrator alone read and change the policy', async () => {
    // A year has passed on the clock: fresh sessions.
    const admin = await f.member(ADMIN);
    sp1 = await f.member(SP1_COUNSELLOR);
    const path = '/api/staff/admin/retention';
    const got = await f.get(admin.cookie, path);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual({
      closedMonths: 12,
      flaggedMonths: 3,
      lastRun: f.t.now.toISOString(),
    });
    for (const bad of [
      { closedMonths: 0, flaggedMonths: 3 },
      { closedMonths: 12, flaggedMonths: 121 },
      { closedMonths: 1.5, flaggedMonths: 3 },
      { closedMonths: '12', flaggedMonths: 3 },
    ]) {
      expect((await f.send(admin.cookie, 'PUT', path, bad)).status).toBe(400);
    }
    const policy = { closedMonths: 24, flaggedMonths: 1 };
    expect((await f.send(sp1.cookie, 'PUT', path, policy)).status).toBe(403);
    expect((await f.get(sp1.cookie, path)).status).toBe(403);
    const put = await f.send(admin.cookie, 'PUT', path, policy);
    expect(put.status, await put.clone().text()).toBe(200);
    expect(await put.json()).toMatchObject(policy);
    expect(await (await f.get(admin.cookie, path)).json()).toMatchObject(policy);
    const last = (await listAudit(db(), null)).at(-1);
    expect(last).toMatchObject({ action: 'retention.policy', actor_id: admin.id });
  });
});
