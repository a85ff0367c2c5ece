// The help directory: public and in order (the demo CdR first, the helplines after), edited by the
// municipal administrator only; bad input is refused with the one error shape and stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelpEntryDto, HelpEntryInput } from '../../shared/protocol/escalations.ts';
import { DEMO_HELP } from '../../server/demo/help-directory.ts';
import { expectError } from './pupil-fixture.ts';
import { DIALECTS } from './test-db.ts';
import { ADMIN, CDR_SPECIALIST, staffFixture, type StaffFixture } from './staff-cases-fixture.ts';

const entry: HelpEntryInput = {
  name: 'Poradnia Psychologiczno-Pedagogiczna w Przykładowie',
  kind: 'partner',
  address: 'ul. Szkolna 3, 00-050 Przykładowo',
  phone: null,
  hours: 'pon.–pt. 8:00–16:00',
  offer: { pl: 'Diagnoza i terapia.', uk: 'Діагностика й терапія.', en: 'Assessment and therapy.' },
  url: 'https://example.invalid/poradnia',
};

describe.each(DIALECTS)('help directory on %s', (dialect) => {
  let f: StaffFixture;
  let admin = '';
  const list = async () => {
    const res = await f.t.app.request('/api/help');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    return (await res.json()) as HelpEntryDto[];
  };

  beforeAll(async () => {
    f = await staffFixture(dialect);
    admin = (await f.member(ADMIN)).cookie;
  });
  afterAll(() => f.t.close());

  it('serves the demo directory publicly, in order', async () => {
    const entries = await list();
    expect(entries.map(({ id: _id, ...rest }) => rest)).toEqual(DEMO_HELP);
    expect(entries[0]).toMatchObject({ kind: 'cdr', hours: 'pon.–pt. 8:00–20:00' });
    expect(entries.map((e) => e.phone)).toEqual(
      expect.arrayContaining(['116 111', '800 12 12 12', '800 120 002']),
    );
  });

  it('lets the administrator add, edit and delete an entry', async () => {
    const created = await f.send(admin, 'POST', '/api/staff/help', entry);
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await list()).at(-1)).toEqual({ id, ...entry });
    const edited = { ...entry, phone: null, offer: { ...entry.offer, en: 'Assessment.' } };
    const put = await f.send(admin, 'PUT', `/api/staff/help/${id}`, edited);
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ id, ...edited });
    expect((await f.send(admin, 'DELETE', `/api/staff/help/${id}`)).status).toBe(204);
    expect((await list()).map((e) => e.id)).not.toContain(id);
    await expectError(await f.send(admin, 'DELETE', `/api/staff/help/${id}`), 404, 'not_found');
    await expectError(await f.send(admin, 'PUT', `/api/staff/help/${id}`, entry), 404, 'not_found');
  });

  it('refuses other roles and bad input, storing nothing', async () => {
    const before = JSON.stringify(await list());
    const cdr = (await f.member(CDR_SPECIALIST)).cookie;
    await expectError(await f.send(cdr, 'POST', '/api/staff/help', entry), 403, 'forbidden');
    const bad: unknown[] = [
      { ...entry, name: '  ' },
      { ...entry, kind: 'school' },
      { ...entry, url: 'not a url' },
      { ...entry, url: 'javascript:alert(1)' },
      { ...entry, offer: { pl: 'x', en: 'x' } },
      { ...entry, phone: 'x'.repeat(51) },
    ];
    for (const body of bad) {
      await expectError(
        await f.send(admin, 'POST', '/api/staff/help', body),
        400,
        'validation_failed',
      );
    }
    await expectError(
      await f.send(admin, 'PUT', '/api/staff/help/nope', entry),
      400,
      'validation_failed',
    );
    expect(JSON.stringify(await list())).toBe(before);
  });
});
