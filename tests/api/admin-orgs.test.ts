// The administrator's organisation settings (/api/staff/admin/orgs): the list shows every
// organisation with its settings and members and no key material; an update changes address,
// phone, hours and the wait target (never name or code), is audited in the municipality's chain,
// shows in the public directory and moves the inbox's overdue mark; bad input and other roles
// change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminOrgDto, AdminOrgListDto } from '../../shared/protocol/admin.ts';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import { listAudit, verifyAuditChain } from '../../server/db/repositories/audit.ts';
import { DIALECTS } from './test-db.ts';
import {
  ADMIN,
  CDR_SPECIALIST,
  SP1_COUNSELLOR,
  staffFixture,
  type Member,
  type StaffFixture,
} from './staff-cases-fixture.ts';

const HOUR = 60 * 60 * 1000;
const PATH = '/api/staff/admin/orgs';
const SECRET_FIELD = /key|hash|totp|wrapped|salt|secret|endorsement|sealed|signature/i;

/** Every property name anywhere in a JSON value. */
function fieldNames(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) fieldNames(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [name, inner] of Object.entries(value)) {
      out.push(name);
      fieldNames(inner, out);
    }
  }
  return out;
}

const settings = {
  address: 'ul. Nowa 7, 00-001 Przykładowo',
  phone: '+48 (12) 345-67-89',
  hours: 'pon.-pt. 8:00-16:00',
  waitTargetHours: 12,
};

describe.each(DIALECTS)('administrator organisation settings on %s', (dialect) => {
  let f: StaffFixture;
  let admin: Member;
  let sp1: Member;
  let sp1Id = '';

  const db = () => f.t.handle.db;
  const row = (id: string) =>
    db().selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditCount = async () => (await listAudit(db(), null)).length;
  const put = (cookie: string, id: string, body: unknown) =>
    f.send(cookie, 'PUT', `${PATH}/${id}`, body);

  beforeAll(async () => {
    f = await staffFixture(dialect);
    admin = await f.member(ADMIN);
    sp1 = await f.member(SP1_COUNSELLOR);
    sp1Id = f.orgs.find((o) => o.code === 'SP1')?.id ?? '';
  });
  afterAll(() => f.t.close());

  it('lists the 8 demo organisations with settings and members, and no key material', async () => {
    const res = await f.get(admin.cookie, PATH);
    expect(res.status, await res.clone().text()).toBe(200);
    const text = await res.clone().text();
    const { organisations } = (await res.json()) as AdminOrgListDto;
    expect(organisations).toHaveLength(8);
    expect(organisations.filter((o) => o.kind === 'school')).toHaveLength(7);
    expect(organisations.filter((o) => o.kind === 'cdr')).toHaveLength(1);

    const school = organisations.find((o) => o.code === 'SP1');
    expect(school).toMatchObject({
      id: sp1Id,
      kind: 'school',
      name: 'Szkoła Podstawowa nr 1 w Przykładowie',
      waitTargetHours: 24,
      certificateVersion: 1,
      phone: null,
    });
    expect(school?.address).toContain('Przykładowo');
    expect(school?.members).toContainEqual({
      id: sp1.id,
      displayName: 'Pedagog SP 1',
      login: SP1_COUNSELLOR,
      role: 'counsellor',
      status: 'active',
    });
    const cdr = organisations.find((o) => o.kind === 'cdr');
    expect(cdr?.waitTargetHours).toBe(8);
    expect(cdr?.members.some((m) => m.login === CDR_SPECIALIST)).toBe(true);
    // The administrator belongs to no organisation.
    expect(organisations.some((o) => o.members.some((m) => m.login === ADMIN))).toBe(false);

    const names = fieldNames(organisations);
    expect(names.filter((n) => SECRET_FIELD.test(n))).toEqual([]);
    expect(Object.keys(school ?? {}).sort()).toEqual(
      [
        'id',
        'kind',
        'name',
        'code',
        'address',
        'phone',
        'hours',
        'waitTargetHours',
        'alertEmail',
        'alertUrgentOnly',
        'certificateVersion',
        'members',
        'recovery',
      ].sort(),
    );
    // Nor do any of the member's or the organisation's secret values appear anywhere.
    const staff = await db()
      .selectFrom('staff')
      .select(['auth_hash', 'auth_salt', 'box_public_key'])
      .where('id', '=', sp1.id)
      .executeTakeFirstOrThrow();
    const org = await row(sp1Id);
    for (const secret of [
      staff.auth_hash,
      staff.auth_salt,
      staff.box_public_key,
      org.receipt_salt,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('updates the settings, audits it, and the public directory shows them', async () => {
    const before = await row(sp1Id);
    const audits = await auditCount();
    // name and code are not settings: sent anyway, they are ignored.
    const res = await put(admin.cookie, sp1Id, { ...settings, name: 'Inna', code: 'XX9' });
    expect(res.status, await res.clone().text()).toBe(200);
    const dto = (await res.json()) as AdminOrgDto;
    expect(dto).toMatchObject({ id: sp1Id, code: 'SP1', name: before.name, ...settings });
    expect(dto.members.some((m) => m.id === sp1.id)).toBe(true);

    expect(await row(sp1Id)).toEqual({
      ...before,
      address: settings.address,
      phone: settings.phone,
      hours: settings.hours,
      wait_target_hours: 12,
    });
    const chain = await listAudit(db(), null);
    expect(chain).toHaveLength(audits + 1);
    expect(chain.at(-1)).toMatchObject({
      action: 'org.settings',
      actor_id: admin.id,
      subject_type: 'organisation',
      subject_id: sp1Id,
    });
    expect(await verifyAuditChain(db(), null)).toBeNull();

    const pub = (await (await f.t.app.request(`/api/orgs/${sp1Id}`)).json()) as OrganisationDto;
    expect(pub).toMatchObject({ address: settings.address, phone: settings.phone });
    expect(pub.hours).toBe(settings.hours);

    // Clearing to null works too.
    const cleared = await put(admin.cookie, sp1Id, {
      ...settings,
      address: null,
      phone: null,
      hours: null,
    });
    expect(cleared.status).toBe(200);
    expect(await row(sp1Id)).toMatchObject({ address: null, phone: null, hours: null });
    const restored = await put(admin.cookie, sp1Id, {
      address: before.address,
      phone: before.phone,
      hours: before.hours,
      waitTargetHours: 24,
    });
    expect(restored.status).toBe(200);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = await row(sp1Id);
    const audits = await auditCount();
    const bad = [
      { ...settings, phone: 'call 123' },
      { ...settings, phone: '123;456' },
      { ...settings, phone: '1'.repeat(51) },
      { ...settings, address: 'a'.repeat(301) },
      { ...settings, hours: 'h'.repeat(201) },
      { ...settings, waitTargetHours: 0 },
      { ...settings, waitTargetHours: 169 },
      { ...settings, waitTargetHours: 1.5 },
      { ...settings, waitTargetHours: '24' },
      { address: null, phone: null, hours: null },
      {},
    ];
    for (const body of bad) {
      const res = await put(admin.cookie, sp1Id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await put(admin.cookie, 'not-a-uuid', settings)).status).toBe(400);
    expect(await row(sp1Id)).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('answers 404 for an unknown organisation', async () => {
    const audits = await auditCount();
    expect((await put(admin.cookie, crypto.randomUUID(), settings)).status).toBe(404);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses counsellors and CdR specialists (403) and callers without a session (401)', async () => {
    const before = await row(sp1Id);
    const cdr = await f.member(CDR_SPECIALIST);
    for (const m of [sp1, cdr]) {
      expect((await f.get(m.cookie, PATH)).status).toBe(403);
      expect((await put(m.cookie, sp1Id, settings)).status).toBe(403);
    }
    expect((await f.t.app.request(PATH)).status).toBe(401);
    expect(await row(sp1Id)).toEqual(before);
  });

  it("moves the inbox's overdue mark with the wait target", async () => {
    const reportId = (await f.submitted(f.client('SP1'))).reportId;
    const overdue = async () =>
      (await f.inbox(sp1.cookie)).items.find((i) => i.id === reportId)?.overdue;
    const target = async (hours: number) => {
      const res = await put(admin.cookie, sp1Id, {
        address: null,
        phone: null,
        hours: null,
        waitTargetHours: hours,
      });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    // Waiting 3 to 4 hours (from the report's coarse hour): within 24, beyond 2.
    f.t.advance(3 * HOUR);
    // Sessions idle that long have ended: sign in again.
    admin = await f.member(ADMIN);
    sp1 = await f.member(SP1_COUNSELLOR);
    expect(await overdue()).toBe(false);
    await target(2);
    expect(await overdue()).toBe(true);
    await target(24);
    expect(await overdue()).toBe(false);
  });
});
