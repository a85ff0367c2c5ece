// The invitation round trip with the real shared crypto: a counsellor invites (the link secret
// sealed to the organisation key), the invitee opens the link (TOTP), accepts with keys MAC'd by
// the secret and waits as 'invited'; the inviter's browser opens the secret, checks the MAC,
// seals the organisation key and endorses; the new member's browser opens the grant. Also: a
// substituted key is caught by the MAC (refusals: staff-auth-invitation-refusals.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CryptoError,
  endorseMember,
  fromB64,
  generatePersonalKeys,
  openSealed,
  sealOrgKeys,
  toB64,
  verifyInviteMac,
  type OrgKeyPair,
} from '../../shared/crypto/index.ts';
import type { StaffMeDto } from '../../shared/protocol/staff.ts';
import { listAudit } from '../../server/db/repositories/audit.ts';
import {
  openGrantedOrgKeys,
  sessionCookie,
  staffJson,
  staffLogin,
  unlockPersonalKeys,
  type StaffLogin,
} from '../tools/staff-login.ts';
import { expectError } from './pupil-fixture.ts';
import { staffFixture, type StaffFixture } from './staff-auth-fixture.ts';
import { inviteClient } from './staff-auth-invite-client.ts';
import { DIALECTS } from './test-db.ts';

const SP1 = 'pedagog.sp1@demo.invalid';

describe.each(DIALECTS)('staff invitations on %s', (dialect) => {
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

  it('runs the whole round trip with the real protocol', async () => {
    const login = 'nowa.sp1@demo.invalid';
    const { secret, created } = await c.invite(login);
    const { res, opened, cred } = await c.accept(created, secret);
    expect(opened).toMatchObject({ login, role: 'counsellor', displayName: 'Nowa Pedagog' });
    expect(opened.orgName).toBe(inviter.me.org?.name);
    expect(opened.totpUri).toMatch(
      /^otpauth:\/\/totp\/Bezpieczny%20Glos:nowa\.sp1%40demo\.invalid\?/,
    );
    expect(res.status, await res.clone().text()).toBe(201);
    expect(sessionCookie(res)).toMatch(/^__Host-staff=/);
    const accepted = (await res.json()) as StaffMeDto;
    expect(accepted).toMatchObject({ login, status: 'invited', keyGrants: [] });

    // The new member signs in; they see themselves but not the organisation's work yet.
    const invitee = await staffLogin(f.send, f.sodium, {
      login,
      password: 'invitee password',
      totpSecret: opened.totpSecret,
      now: f.t.now,
    });
    expect(invitee.me.status).toBe('invited');
    expect((await f.send('/api/staff/me', { headers: { Cookie: invitee.cookie } })).status).toBe(
      200,
    );
    await expectError(
      await f.send('/api/staff/members', { headers: { Cookie: invitee.cookie } }),
      403,
      'forbidden',
    );

    // The inviter's browser checks the MAC with the secret it opens with the organisation key.
    const pending = (await c.members(inviter.cookie)).find((m) => m.login === login);
    if (!pending?.pending) throw new Error('no pending member');
    const opennedSecret = openSealed(
      f.sodium,
      fromB64(pending.pending.secretSealed),
      orgKeys.boxPublicKey,
      orgKeys.boxSecretKey,
    );
    const box = fromB64(pending.boxPublicKey);
    const sign = fromB64(pending.signPublicKey);
    verifyInviteMac(f.sodium, opennedSecret, box, sign, fromB64(pending.pending.mac));
    const orgId = inviter.me.org?.id ?? '';
    const grant = {
      version: 1,
      sealedKeys: toB64(sealOrgKeys(f.sodium, orgKeys, box)),
      endorsement: toB64(
        endorseMember(f.sodium, orgKeys.signSecretKey, {
          orgId,
          boxPublicKey: box,
          signPublicKey: sign,
        }),
      ),
    };
    const granted = await f.send(
      `/api/staff/members/${pending.id}/grant`,
      staffJson(grant, inviter.cookie),
    );
    expect(granted.status, await granted.clone().text()).toBe(200);
    expect(await granted.json()).toMatchObject({ status: 'active', pending: null });
    await expectError(
      await f.send(`/api/staff/members/${pending.id}/grant`, staffJson(grant, inviter.cookie)),
      409,
      'conflict',
    );

    // The new member's browser opens the grant: the same organisation keys.
    const meRes = await f.send('/api/staff/me', { headers: { Cookie: invitee.cookie } });
    const me = (await meRes.json()) as StaffMeDto;
    expect(me).toMatchObject({ status: 'active', keyGrants: [{ orgId, version: 1 }] });
    const personal = unlockPersonalKeys(f.sodium, me, invitee.wrapKey);
    expect(personal.boxPublicKey).toEqual(cred.keys.boxPublicKey);
    expect(openGrantedOrgKeys(f.sodium, me, personal).boxSecretKey).toEqual(orgKeys.boxSecretKey);
    expect((await c.members(invitee.cookie)).map((m) => m.login)).toContain(SP1);

    const actions = (await listAudit(f.t.handle.db, orgId)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['invitation.created', 'staff.invited_accepted', 'staff.granted']),
    );
  });

  it('lets the inviter detect keys that are not the ones the invitee MACed', async () => {
    const { secret, created } = await c.invite('podmiana.sp1@demo.invalid');
    // As if the server swapped in its own keys: the MAC was made over other keys.
    const { res } = await c.accept(created, secret, { macKeys: generatePersonalKeys(f.sodium) });
    expect(res.status).toBe(201);
    const pending = (await c.members(inviter.cookie)).find(
      (m) => m.login === 'podmiana.sp1@demo.invalid',
    );
    if (!pending?.pending) throw new Error('no pending member');
    const opened = openSealed(
      f.sodium,
      fromB64(pending.pending.secretSealed),
      orgKeys.boxPublicKey,
      orgKeys.boxSecretKey,
    );
    expect(() =>
      verifyInviteMac(
        f.sodium,
        opened,
        fromB64(pending.boxPublicKey),
        fromB64(pending.signPublicKey),
        fromB64(pending.pending?.mac ?? ''),
      ),
    ).toThrow(CryptoError);

    // The server refuses an endorsement the organisation key did not make.
    const bad = await f.send(
      `/api/staff/members/${pending.id}/grant`,
      staffJson(
        {
          version: 1,
          sealedKeys: toB64(sealOrgKeys(f.sodium, orgKeys, fromB64(pending.boxPublicKey))),
          endorsement: toB64(new Uint8Array(64)),
        },
        inviter.cookie,
      ),
    );
    await expectError(bad, 400, 'validation_failed');
  });
});
