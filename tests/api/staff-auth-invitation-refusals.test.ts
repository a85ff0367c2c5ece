// Invitation refusals: another school neither lists nor grants the new member; a link works
// once, not after it expired, nor with a wrong token or code; inviting needs a member of an
// organisation, a new login and a well-formed sealed secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endorseMember,
  fromB64,
  sealBytes,
  sealOrgKeys,
  toB64,
  type OrgKeyPair,
} from '../../shared/crypto/index.ts';
import type { InvitationDto } from '../../shared/protocol/staff.ts';
import {
  openGrantedOrgKeys,
  staffJson,
  totpCode,
  unlockPersonalKeys,
  type StaffLogin,
} from '../tools/staff-login.ts';
import { expectError } from './pupil-fixture.ts';
import { staffFixture, wrongCode, type StaffFixture } from './staff-auth-fixture.ts';
import { inviteClient } from './staff-auth-invite-client.ts';
import { DIALECTS } from './test-db.ts';

const SP1 = 'pedagog.sp1@demo.invalid';
const SP2 = 'pedagog.sp2@demo.invalid';

describe.each(DIALECTS)('staff invitation refusals on %s', (dialect) => {
  let f: StaffFixture;
  let inviter: StaffLogin;
  let orgKeys: OrgKeyPair;
  let c: ReturnType<typeof inviteClient>;

  beforeAll(async () => {
    f = await staffFixture(dialect);
    inviter = await f.login(SP1);
    c = inviteClient(f, () => inviter);
    orgKeys = c.orgKeys();
  });
  afterAll(() => f.t.close());

  it('keeps another school out: it neither lists nor grants the member', async () => {
    const { secret, created } = await c.invite('trzecia.sp1@demo.invalid');
    expect((await c.accept(created, secret)).res.status).toBe(201);
    const other = await f.login(SP2);
    const theirs = await c.members(other.cookie);
    expect(theirs.map((m) => m.login)).toEqual([SP2]);
    const target = (await c.members(inviter.cookie)).find(
      (m) => m.login === 'trzecia.sp1@demo.invalid',
    );
    if (!target) throw new Error('no member');
    const otherKeys = openGrantedOrgKeys(
      f.sodium,
      other.me,
      unlockPersonalKeys(f.sodium, other.me, other.wrapKey),
    );
    const box = fromB64(target.boxPublicKey);
    const res = await f.send(
      `/api/staff/members/${target.id}/grant`,
      staffJson(
        {
          version: 1,
          sealedKeys: toB64(sealOrgKeys(f.sodium, otherKeys, box)),
          endorsement: toB64(
            endorseMember(f.sodium, otherKeys.signSecretKey, {
              orgId: other.me.org?.id ?? '',
              boxPublicKey: box,
              signPublicKey: fromB64(target.signPublicKey),
            }),
          ),
        },
        other.cookie,
      ),
    );
    await expectError(res, 404, 'not_found');
  });

  it('works once, and not after it expired, nor with a wrong token or code', async () => {
    const { secret, created } = await c.invite('raz.sp1@demo.invalid');
    await expectError(await c.open(created.id, 'A'.repeat(43)), 404, 'not_found');
    const opened = (await (await c.open(created.id, created.token)).json()) as InvitationDto;
    const code = await totpCode(opened.totpSecret, f.t.now);
    // The accept helper opens the link again: a new TOTP secret, so the old code is now wrong.
    const stale = await c.accept(created, secret, { totp: code });
    expect([401, 201]).toContain(stale.res.status);
    const done = stale.res.status === 201 ? stale : await c.accept(created, secret);
    expect(done.res.status).toBe(201);
    const reused = await f.send(
      `/api/staff/invitations/${created.id}/accept`,
      staffJson(done.body),
    );
    await expectError(reused, 409, 'conflict');
    await expectError(await c.open(created.id, created.token), 404, 'not_found');

    const late = await c.invite('pozno.sp1@demo.invalid');
    f.t.advance(7 * 24 * 3600 * 1000 + 1000);
    await expectError(await c.open(late.created.id, late.created.token), 404, 'not_found');
    inviter = await f.login(SP1);
  });

  it('refuses inviting an existing login, a non-member, and a malformed sealed secret', async () => {
    const sealed = toB64(sealBytes(f.sodium, new Uint8Array(32), orgKeys.boxPublicKey));
    const existing = await f.send(
      '/api/staff/invitations',
      staffJson({ login: SP2, displayName: 'X', secretSealed: sealed }, inviter.cookie),
    );
    await expectError(existing, 409, 'conflict');
    const short = await f.send(
      '/api/staff/invitations',
      staffJson(
        { login: 'x.sp1@demo.invalid', displayName: 'X', secretSealed: 'AAAA' },
        inviter.cookie,
      ),
    );
    await expectError(short, 400, 'validation_failed');
    const anonymous = await f.send(
      '/api/staff/invitations',
      staffJson({ login: 'x.sp1@demo.invalid', displayName: 'X', secretSealed: sealed }),
    );
    await expectError(anonymous, 401, 'unauthorized');
    const code = await totpCode(f.account('admin@demo.invalid').totpSecret, f.t.now);
    expect(code).toMatch(/^\d{6}$/);
    const admin = await f.login('admin@demo.invalid');
    const byAdmin = await f.send(
      '/api/staff/invitations',
      staffJson(
        { login: 'x.sp1@demo.invalid', displayName: 'X', secretSealed: sealed },
        admin.cookie,
      ),
    );
    await expectError(byAdmin, 403, 'forbidden');
    expect(wrongCode(code)).not.toBe(code);
  });
});
