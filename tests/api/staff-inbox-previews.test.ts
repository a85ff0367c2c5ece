// The inbox's previews [Note: inbox previews]: for a page's ids, the sealed report and thread key
// (which the member's org key opens to the pupil's own words), the pupil's photo count and who
// wrote last; another school's report is left out as if it did not exist; nothing is marked read;
// bad id lists are a 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptItem, fromB64, openSealedKey } from '../../shared/crypto/index.ts';
import type { PreviewsDto } from '../../shared/protocol/inbox-previews.ts';
import { DIALECTS } from './test-db.ts';
import {
  SP1_COUNSELLOR,
  staffFixture,
  type Member,
  type StaffFixture,
} from './staff-cases-fixture.ts';

describe.each(DIALECTS)('inbox previews on %s', (dialect) => {
  let f: StaffFixture;
  let me: Member;
  let quiet = '';
  let answered = '';
  let other = '';

  beforeAll(async () => {
    f = await staffFixture(dialect);
    const pupil = f.client('SP1');
    quiet = (await f.submitted(pupil, { text: 'pierwsza linia\ndruga linia' })).reportId;
    answered = (await f.submitted(pupil)).reportId;
    other = (await f.submitted(f.client('SP2'))).reportId;
    me = await f.member(SP1_COUNSELLOR);
    await f.reply(me, answered, 'Jestem tu.');
  });
  afterAll(() => f.t.close());

  const previews = async (ids: string[]) => {
    const res = await f.get(me.cookie, `/api/staff/reports/previews?ids=${ids.join(',')}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as PreviewsDto).previews;
  };

  it('hands out what the browser opens, and who wrote last', async () => {
    const list = await previews([quiet, answered, other]);
    expect(list.map((p) => p.id).sort()).toEqual([quiet, answered].sort());
    const q = list.find((p) => p.id === quiet)!;
    expect(q).toMatchObject({ photos: 0, last: null, orgKeyVersion: 1 });
    const sodium = f.client().sodium;
    const threadKey = openSealedKey(
      sodium,
      fromB64(q.threadKeySealed),
      me.orgKeys!.boxPublicKey,
      me.orgKeys!.boxSecretKey,
    );
    const ad = { reportId: quiet, kind: 'report', itemId: quiet, authorRole: 'pupil' } as const;
    expect(decryptItem(sodium, threadKey, fromB64(q.body), ad)).toMatchObject({
      text: 'pierwsza linia\ndruga linia',
    });
    expect(list.find((p) => p.id === answered)?.last).toMatchObject({ authorRole: 'counsellor' });
  });

  it('marks nothing read', async () => {
    await previews([quiet]);
    const { items } = await f.inbox(me.cookie, '?filter=unread');
    expect(items.map((i) => i.id)).toContain(quiet);
  });

  it('refuses a bad list of ids with a 400', async () => {
    const many = Array.from({ length: 51 }, () => quiet).join(',');
    for (const bad of ['', 'x', `${quiet},nope`, many]) {
      const res = await f.get(me.cookie, `/api/staff/reports/previews?ids=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
    }
    expect((await f.get(me.cookie, '/api/staff/reports/previews')).status).toBe(400);
  });
});
