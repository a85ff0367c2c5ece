// The audit log view [Note: audit chain]: a member reads their own organisation's chain, the
// administrator the municipality's and any organisation's; each answer says whether the chain
// verifies and where it first breaks.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLogDto } from '../../shared/protocol/admin.ts';
import { orgOf } from './escalation-fixture.ts';
import {
  ADMIN,
  CDR_SPECIALIST,
  SP1_COUNSELLOR,
  SP2_COUNSELLOR,
  staffFixture,
  type Member,
  type StaffFixture,
} from './staff-cases-fixture.ts';
import { DIALECTS } from './test-db.ts';

describe.each(DIALECTS)('audit log view on %s', (dialect) => {
  let f: StaffFixture;
  let sp1: Member;
  let reportId = '';

  const audit = async (m: Member, query = '') => {
    const res = await f.get(m.cookie, `/api/staff/audit${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as AuditLogDto;
  };

  beforeAll(async () => {
    f = await staffFixture(dialect);
    sp1 = await f.member(SP1_COUNSELLOR);
    reportId = (await f.submitted(f.client('SP1'))).reportId;
    const res = await f.send(sp1.cookie, 'PATCH', `/api/staff/reports/${reportId}`, {
      status: 'in_progress',
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => f.t.close());

  it("shows a member their organisation's chain, newest first, in pages", async () => {
    const dto = await audit(sp1);
    expect(dto).toMatchObject({ orgId: sp1.orgId, chainIntact: true, firstBrokenId: null });
    expect(dto.entries[0]).toMatchObject({
      action: 'report.status',
      actorId: sp1.id,
      subjectType: 'report',
      subjectId: reportId,
    });
    // Newest first by time, then by id: the pupil's hour-only 'report.received' sits below the
    // sign-ins of minutes later that were written before it [Note: coarse pupil time].
    const order = dto.entries.map((e) => [e.at, e.id] as const);
    expect(order).toEqual([...order].sort(([a, i], [b, j]) => (a === b ? j - i : a < b ? 1 : -1)));
    const ids = dto.entries.map((e) => e.id);

    const first = await audit(sp1, '?limit=1');
    expect(first.entries).toHaveLength(1);
    expect(first.nextBefore).toBe(ids[0]);
    const second = await audit(sp1, `?limit=1&before=${first.nextBefore}`);
    expect(second.entries.map((e) => e.id)).toEqual([ids[1]]);
  });

  it("refuses a member another organisation's chain", async () => {
    const res = await f.get(sp1.cookie, `/api/staff/audit?org=${orgOf(f, 'SP2').id}`);
    expect(res.status).toBe(403);
    const sp2 = await audit(await f.member(SP2_COUNSELLOR));
    expect(sp2.orgId).toBe(orgOf(f, 'SP2').id);
    expect(JSON.stringify(sp2)).not.toContain(reportId);
    const cdr = await audit(await f.member(CDR_SPECIALIST));
    expect(cdr.orgId).toBe(orgOf(f, 'CDR').id);
  });

  it("shows the administrator the municipality's chain and any organisation's", async () => {
    const admin = await f.member(ADMIN);
    expect(await audit(admin)).toMatchObject({ orgId: null, chainIntact: true });
    const sp1Chain = await audit(admin, `?org=${sp1.orgId}`);
    expect(sp1Chain.orgId).toBe(sp1.orgId);
    expect(sp1Chain.entries[0]?.subjectId).toBe(reportId);
    const unknown = await f.get(admin.cookie, `/api/staff/audit?org=${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect((await f.get(admin.cookie, '/api/staff/audit?limit=0')).status).toBe(400);
  });

  it('names who acted and narrows by who, what and when', async () => {
    const dto = await audit(sp1);
    const status = dto.entries.find((e) => e.action === 'report.status');
    expect(status?.actorName).toBeTruthy();
    expect(dto.actors).toContainEqual({ id: sp1.id, name: status?.actorName });
    const received = dto.entries.find((e) => e.action === 'report.received');
    expect(received).toMatchObject({ actorId: null, actorName: null });

    const mine = await audit(sp1, `?actor=${sp1.id}`);
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((e) => e.actorId === sp1.id)).toBe(true);
    const reports = await audit(sp1, '?group=reports');
    expect(reports.entries.map((e) => e.action).sort()).toEqual(
      ['report.received', 'report.status'].sort(),
    );
    // A group is its prefixes: 'report.' here, never the sign-ins of the fixture's members.
    const other = await audit(sp1, '?group=escalations');
    expect(other.entries).toEqual([]);

    const at = status!.at;
    const later = new Date(Date.parse(at) + 1).toISOString();
    const until = await audit(sp1, `?until=${encodeURIComponent(later)}&group=reports`);
    expect(until.entries.map((e) => e.action)).toContain('report.status');
    const since = await audit(sp1, `?since=${encodeURIComponent(later)}`);
    expect(since.entries.map((e) => e.id)).not.toContain(status!.id);

    for (const bad of ['?group=everything', '?actor=someone', '?since=yesterday']) {
      const res = await f.get(sp1.cookie, `/api/staff/audit${bad}`);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
    }
    const reversed = `?since=${encodeURIComponent(later)}&until=${encodeURIComponent(at)}`;
    expect((await f.get(sp1.cookie, `/api/staff/audit${reversed}`)).status).toBe(400);
  });

  it('reports a tampered entry', async () => {
    const { entries } = await audit(sp1);
    const target = entries[1];
    if (!target) throw new Error('too few entries');
    await sql`update audit_log set action = 'report.opened' where id = ${target.id}`.execute(
      f.t.handle.db,
    );
    expect(await audit(sp1)).toMatchObject({ chainIntact: false, firstBrokenId: target.id });
    const admin = await f.member(ADMIN);
    expect(await audit(admin, `?org=${sp1.orgId}`)).toMatchObject({
      chainIntact: false,
      firstBrokenId: target.id,
    });
    // Other chains are unaffected.
    expect((await audit(await f.member(SP2_COUNSELLOR))).chainIntact).toBe(true);
  });
});
