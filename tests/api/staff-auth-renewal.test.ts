// Renewing a member's keys when both password and recovery key are lost: a colleague's browser
// seals a new link secret to the organisation key and the server ends the member's sessions,
// password and grants; the member opens the renewal link and accepts with new keys MAC'd by the
// secret (no new account); the colleague checks the MAC and grants the key again, exactly as for a
// newcomer, but only a member other than the one who started the renewal; the member signs in
// with the new password and opens the school key. Also: another school, oneself and another
// organisation's role cannot renew.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStaffCredentials,
  endorseMember,
  fromB64,
  inviteMac,
  openSealed,
  sealBytes,
  sealOrgKeys,
  toB64,
  verifyInviteMac,
  type OrgKeyPair,
} from '../../shared/crypto/index.ts';
import type {
  InvitationCreatedDto,
  InvitationDto,
  StaffMeDto,
} from '../../shared/protocol/staff.ts';
import { listAudit } from '../../server/db/repositories/audit.ts';
import { TEST_ARGON } from '../tools/pupil-client.ts';
import {
  openGrantedOrgKeys,
  sessionCookie,
  staffJson,
  staffLogin,
  totpCode,
  unlockPersonalKeys,
  type StaffLogin,
} from '../tools/staff-login.ts';
import { expectError } from './pupil-fixture.ts';
import { staffFixture, type StaffFixture } from './staff-auth-fixture.ts';
import { inviteClient } from './staff-auth-invite-client.ts';
import { DIALECTS } from './test-db.ts';

const SP1 = 'pedagog.sp1@demo.invalid';
const SP2 = 'pedagog.sp2@demo.invalid';
const CDR = 'psycholog.cdr@demo.invalid';
const MEMBER = 'zapominalska.sp1@demo.invalid';
const SECOND = 'potwierdzajaca.sp1@demo.invalid';

describe.each(DIALECTS)('staff key renewal on %s', (dialect) => {
  let f: StaffFixture;
  let colleague: StaffLogin;
  let orgKeys: OrgKeyPair;
  let c: ReturnType<typeof inviteClient>;

  beforeAll(async () => {
    f = await staffFixture(dialect);
    colleague = await f.login(SP1);
    c = inviteClient(f, () => colleague);
    orgKeys = c.orgKeys();
  });
  afterAll(() => f.t.close());

  /** The colleague's browser: a fresh link secret sealed to the organisation key. */
  function sealedSecret(keys: OrgKeyPair = orgKeys) {
    const secret = f.sodium.randombytes_buf(32);
    return { secret, secretSealed: toB64(sealBytes(f.sodium, secret, keys.boxPublicKey)) };
  }

  const renew = (id: string, cookie: string, secretSealed: string) =>
    f.send(`/api/staff/members/${id}/renew`, staffJson({ secretSealed }, cookie));

  /** A colleague's grant after the MAC checked out (throws CryptoError when it does not). */
  async function checkAndGrant(memberId: string, cookie = colleague.cookie) {
    const pending = (await c.members(colleague.cookie)).find((m) => m.id === memberId);
    if (!pending?.pending) throw new Error('member is not pending');
    const secret = openSealed(
      f.sodium,
      fromB64(pending.pending.secretSealed),
      orgKeys.boxPublicKey,
      orgKeys.boxSecretKey,
    );
    const box = fromB64(pending.boxPublicKey);
    const sign = fromB64(pending.signPublicKey);
    verifyInviteMac(f.sodium, secret, box, sign, fromB64(pending.pending.mac));
    const orgId = colleague.me.org?.id ?? '';
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
    return f.send(`/api/staff/members/${memberId}/grant`, staffJson(grant, cookie));
  }

  /** Another counsellor of SP1, invited, accepted, granted and signed in (`invitee password`). */
  async function newMember(login: string) {
    const { secret, created } = await c.invite(login);
    const { res, opened } = await c.accept(created, secret);
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = (await res.json()) as StaffMeDto;
    expect((await checkAndGrant(id)).status).toBe(200);
    f.t.advance(30_000);
    const signedIn = await staffLogin(f.send, f.sodium, {
      login,
      password: 'invitee password',
      totpSecret: opened.totpSecret,
      now: f.t.now,
    });
    expect(signedIn.me).toMatchObject({ status: 'active', keyGrants: [{ version: 1 }] });
    return { id, signedIn, totpSecret: opened.totpSecret };
  }

  it('gives a member who lost everything new keys through a colleague', async () => {
    const member = await newMember(MEMBER);
    const orgId = colleague.me.org?.id ?? '';

    // The colleague starts the renewal: a link like an invitation's.
    const { secret, secretSealed } = sealedSecret();
    const res = await renew(member.id, colleague.cookie, secretSealed);
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as InvitationCreatedDto;
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The member's old session is dead and the old password signs in no more.
    await expectError(
      await f.send('/api/staff/me', { headers: { Cookie: member.signedIn.cookie } }),
      401,
      'unauthorized',
    );
    f.t.advance(30_000);
    await expect(
      staffLogin(f.send, f.sodium, {
        login: MEMBER,
        password: 'invitee password',
        totpSecret: member.totpSecret,
        now: f.t.now,
      }),
    ).rejects.toThrow(/login: 401/);
    // Listed as waiting, but with nothing to check or grant until they accept.
    const waiting = (await c.members(colleague.cookie)).find((m) => m.id === member.id);
    expect(waiting).toMatchObject({ status: 'invited', pending: null });
    // Even a grant forced onto the lost keys is refused while the renewal is open.
    if (!waiting) throw new Error('member not listed');
    const oldBox = fromB64(waiting.boxPublicKey);
    const forced = {
      version: 1,
      sealedKeys: toB64(sealOrgKeys(f.sodium, orgKeys, oldBox)),
      endorsement: toB64(
        endorseMember(f.sodium, orgKeys.signSecretKey, {
          orgId,
          boxPublicKey: oldBox,
          signPublicKey: fromB64(waiting.signPublicKey),
        }),
      ),
    };
    await expectError(
      await f.send(`/api/staff/members/${member.id}/grant`, staffJson(forced, colleague.cookie)),
      409,
      'conflict',
    );

    // The member opens the link and accepts with new keys: the same account, not a new one.
    const opened = (await (
      await f.send(`/api/staff/invitations/${created.id}/open`, staffJson({ token: created.token }))
    ).json()) as InvitationDto;
    expect(opened).toMatchObject({
      login: MEMBER,
      role: 'counsellor',
      displayName: 'Nowa Pedagog',
    });
    const cred = createStaffCredentials(f.sodium, 'a brand new password', TEST_ARGON);
    const accept = {
      token: created.token,
      salt: toB64(cred.salt),
      authKey: toB64(cred.authKey),
      ...TEST_ARGON,
      boxPublicKey: toB64(cred.keys.boxPublicKey),
      signPublicKey: toB64(cred.keys.signPublicKey),
      wrappedKeys: toB64(cred.wrappedKeys),
      recoveryWrappedKeys: toB64(cred.recoveryWrappedKeys),
      mac: toB64(inviteMac(f.sodium, secret, cred.keys.boxPublicKey, cred.keys.signPublicKey)),
      totp: await totpCode(opened.totpSecret, f.t.now),
    };
    const accepted = await f.send(`/api/staff/invitations/${created.id}/accept`, staffJson(accept));
    expect(accepted.status, await accepted.clone().text()).toBe(201);
    expect(sessionCookie(accepted)).toMatch(/^__Host-staff=/);
    expect(await accepted.json()).toMatchObject({
      id: member.id,
      login: MEMBER,
      status: 'invited',
      boxPublicKey: toB64(cred.keys.boxPublicKey),
      keyGrants: [],
    });
    await expectError(
      await f.send(`/api/staff/invitations/${created.id}/accept`, staffJson(accept)),
      409,
      'conflict',
    );
    expect((await c.members(colleague.cookie)).filter((m) => m.login === MEMBER)).toHaveLength(1);

    // The colleague who started the renewal may not confirm it [Note: renewal approval]: they
    // can open the link secret, so they could have accepted it with keys of their own.
    const listed = (await c.members(colleague.cookie)).find((m) => m.id === member.id);
    expect(listed?.pending?.renewedBy).toBe(colleague.me.id);
    await expectError(await checkAndGrant(member.id), 403, 'forbidden');
    // A second member checks the MAC over the new keys and grants the key again.
    const second = await newMember(SECOND);
    const granted = await checkAndGrant(member.id, second.signedIn.cookie);
    expect(granted.status, await granted.clone().text()).toBe(200);
    expect(await granted.json()).toMatchObject({ status: 'active', pending: null });

    // The member signs in with the new password and code and opens the school key.
    f.t.advance(30_000);
    const back = await staffLogin(f.send, f.sodium, {
      login: MEMBER,
      password: 'a brand new password',
      totpSecret: opened.totpSecret,
      now: f.t.now,
    });
    expect(back.me).toMatchObject({ id: member.id, status: 'active', keyGrants: [{ orgId }] });
    const personal = unlockPersonalKeys(f.sodium, back.me, back.wrapKey);
    expect(personal.boxPublicKey).toEqual(cred.keys.boxPublicKey);
    expect(openGrantedOrgKeys(f.sodium, back.me, personal).boxSecretKey).toEqual(
      orgKeys.boxSecretKey,
    );

    const actions = (await listAudit(f.t.handle.db, orgId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.renewal_started', 'staff.renewed']));
  });

  it('lets only a colleague of the same organisation renew', async () => {
    const member = await newMember('druga.sp1@demo.invalid');
    const other = await f.login(SP2);
    const otherKeys = openGrantedOrgKeys(
      f.sodium,
      other.me,
      unlockPersonalKeys(f.sodium, other.me, other.wrapKey),
    );
    // Another school's counsellor: as if the member did not exist.
    await expectError(
      await renew(member.id, other.cookie, sealedSecret(otherKeys).secretSealed),
      404,
      'not_found',
    );
    // A CdR specialist: another organisation, the same answer.
    const cdr = await f.login(CDR);
    await expectError(
      await renew(member.id, cdr.cookie, sealedSecret().secretSealed),
      404,
      'not_found',
    );
    // Oneself: a colleague has to do it.
    const selfRes = await renew(member.id, member.signedIn.cookie, sealedSecret().secretSealed);
    expect([400, 404]).toContain(selfRes.status);
    // A sealed secret of the wrong size.
    await expectError(
      await renew(member.id, colleague.cookie, toB64(new Uint8Array(80))),
      400,
      'validation_failed',
    );
    // Nothing changed: the member is still signed in and active.
    const me = await f.send('/api/staff/me', { headers: { Cookie: member.signedIn.cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ status: 'active', keyGrants: [{ version: 1 }] });
  });

  it('keeps only the newest renewal link working', async () => {
    const member = await newMember('trzecia.sp1@demo.invalid');
    const first = await renew(member.id, colleague.cookie, sealedSecret().secretSealed);
    expect(first.status).toBe(201);
    const firstLink = (await first.json()) as InvitationCreatedDto;
    const second = await renew(member.id, colleague.cookie, sealedSecret().secretSealed);
    expect(second.status).toBe(201);
    const secondLink = (await second.json()) as InvitationCreatedDto;
    const open = (link: InvitationCreatedDto) =>
      f.send(`/api/staff/invitations/${link.id}/open`, staffJson({ token: link.token }));
    await expectError(await open(firstLink), 404, 'not_found');
    expect((await open(secondLink)).status).toBe(200);
  });
});
