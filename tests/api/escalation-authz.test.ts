// Who sees an escalation: the CdR it went to and the school whose report it is. A CdR specialist
// never reaches the school's report endpoints, even for an escalated report; a second CdR and
// another school's counsellor see nothing (404, and empty lists); the administrator has no role
// in a case (403).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toB64 } from '../../shared/crypto/index.ts';
import {
  insertCertificate,
  insertOrganisation,
} from '../../server/db/repositories/organisations.ts';
import { DIALECTS } from './test-db.ts';
import {
  ADMIN,
  CDR_SPECIALIST,
  SP1_COUNSELLOR,
  SP2_COUNSELLOR,
  staffFixture,
  type Member,
  type StaffFixture,
} from './staff-cases-fixture.ts';
import { escalate, type Escalated } from './escalation-fixture.ts';

describe.each(DIALECTS)('escalation access on %s', (dialect) => {
  let f: StaffFixture;
  let cdrMember: Member;
  let esc: Escalated;
  let attachmentId = '';

  beforeAll(async () => {
    f = await staffFixture(dialect);
    cdrMember = await f.member(CDR_SPECIALIST);
    esc = await escalate(f, await f.member(SP1_COUNSELLOR), { code: 'SP1', handOver: true });
    // The role check answers before any look-up, so any attachment id will do.
    attachmentId = randomUUID();
  });
  afterAll(() => f.t.close());

  it('keeps a CdR specialist out of every report endpoint, escalated or not', async () => {
    const r = `/api/staff/reports/${esc.reportId}`;
    const blob = toB64(new Uint8Array(100));
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/staff/reports'],
      ['GET', '/api/staff/reports/colleagues'],
      ['GET', r],
      ['PATCH', r, { status: 'closed' }],
      [
        'POST',
        `${r}/messages`,
        { id: randomUUID(), seq: 1, blob, signature: toB64(new Uint8Array(64)) },
      ],
      ['POST', `${r}/staff-key`, { staffKeySealed: toB64(new Uint8Array(81)) }],
      ['POST', `${r}/notes`, { id: randomUUID(), blob, signature: toB64(new Uint8Array(64)) }],
      ['GET', `${r}/attachments/${attachmentId}`],
    ];
    for (const [method, path, body] of calls) {
      const res =
        method === 'GET'
          ? await f.get(cdrMember.cookie, path)
          : await f.send(cdrMember.cookie, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it('shows a second CdR nothing of the first one', async () => {
    const db = f.t.handle.db;
    const id = randomUUID();
    const now = f.t.now.toISOString();
    await insertOrganisation(db, {
      id,
      kind: 'cdr',
      name: 'Drugie Centrum dla Rodzin',
      code: 'CDR2',
      receipt_salt: toB64(new Uint8Array(16)),
      address: null,
      phone: null,
      hours: null,
      created_at: now,
    });
    // The access checks never read the certificate; the fixture's addMember needs one to exist.
    await insertCertificate(db, {
      org_id: id,
      version: 1,
      body: 'x',
      signature: 'x',
      created_at: now,
    });
    const other = await f.addMember('CDR2', { role: 'cdr_specialist' });
    expect((await f.get(other.cookie, `/api/staff/escalations/${esc.id}`)).status).toBe(404);
    const list = await f.get(other.cookie, '/api/staff/escalations');
    expect(await list.json()).toEqual({ items: [] });
    const write = await f.send(other.cookie, 'POST', `/api/staff/escalations/${esc.id}/close`, {
      result: 'support_provided',
    });
    expect(write.status).toBe(404);
  });

  it('answers 404 to another school and 403 to the administrator', async () => {
    const sp2 = await f.member(SP2_COUNSELLOR);
    const admin = await f.member(ADMIN);
    expect((await f.get(sp2.cookie, `/api/staff/escalations/${esc.id}`)).status).toBe(404);
    expect(await (await f.get(sp2.cookie, '/api/staff/escalations')).json()).toEqual({ items: [] });
    expect((await f.get(admin.cookie, `/api/staff/escalations/${esc.id}`)).status).toBe(403);
    expect((await f.get(admin.cookie, '/api/staff/escalations')).status).toBe(403);
    // The CdR's own specialist sees it.
    expect((await f.get(cdrMember.cookie, `/api/staff/escalations/${esc.id}`)).status).toBe(200);
  });
});
