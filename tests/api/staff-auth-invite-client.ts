// The two browsers of an invitation, for the invitation tests: the inviter's (a link secret
// sealed to the organisation key) and the invitee's (open the link, make keys, MAC them, accept).
import { expect } from 'vitest';
import {
  createStaffCredentials,
  inviteMac,
  sealBytes,
  toB64,
  type OrgKeyPair,
} from '../../shared/crypto/index.ts';
import type {
  InvitationCreatedDto,
  InvitationDto,
  MemberDto,
} from '../../shared/protocol/staff.ts';
import { TEST_ARGON } from '../tools/pupil-client.ts';
import {
  openGrantedOrgKeys,
  staffJson,
  totpCode,
  unlockPersonalKeys,
  type StaffLogin,
} from '../tools/staff-login.ts';
import type { StaffFixture } from './staff-auth-fixture.ts';

export interface MemberKeysLike {
  boxPublicKey: Uint8Array;
  signPublicKey: Uint8Array;
}

export function inviteClient(f: StaffFixture, inviter: () => StaffLogin) {
  const orgKeys = (): OrgKeyPair => {
    const me = inviter();
    return openGrantedOrgKeys(f.sodium, me.me, unlockPersonalKeys(f.sodium, me.me, me.wrapKey));
  };

  /** The inviter's browser: a link secret sealed to the organisation key, and the invitation. */
  async function invite(login: string) {
    const secret = f.sodium.randombytes_buf(32);
    const secretSealed = toB64(sealBytes(f.sodium, secret, orgKeys().boxPublicKey));
    const res = await f.send(
      '/api/staff/invitations',
      staffJson({ login, displayName: 'Nowa Pedagog', secretSealed }, inviter().cookie),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    return { secret, created: (await res.json()) as InvitationCreatedDto };
  }

  const open = (id: string, token: string) =>
    f.send(`/api/staff/invitations/${id}/open`, staffJson({ token }));

  /** The invitee's browser: keys, password, the MAC (over `macKeys` when a test forges it). */
  async function accept(
    created: InvitationCreatedDto,
    secret: Uint8Array,
    opts: { macKeys?: MemberKeysLike; totp?: string } = {},
  ) {
    const opened = (await (await open(created.id, created.token)).json()) as InvitationDto;
    const cred = createStaffCredentials(f.sodium, 'invitee password', TEST_ARGON);
    const macKeys = opts.macKeys ?? cred.keys;
    const body = {
      token: created.token,
      salt: toB64(cred.salt),
      authKey: toB64(cred.authKey),
      ...TEST_ARGON,
      boxPublicKey: toB64(cred.keys.boxPublicKey),
      signPublicKey: toB64(cred.keys.signPublicKey),
      wrappedKeys: toB64(cred.wrappedKeys),
      recoveryWrappedKeys: toB64(cred.recoveryWrappedKeys),
      mac: toB64(inviteMac(f.sodium, secret, macKeys.boxPublicKey, macKeys.signPublicKey)),
      totp: opts.totp ?? (await totpCode(opened.totpSecret, f.t.now)),
    };
    const res = await f.send(`/api/staff/invitations/${created.id}/accept`, staffJson(body));
    return { res, opened, cred, body };
  }

  async function members(cookie: string): Promise<MemberDto[]> {
    const res = await f.send('/api/staff/members', { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as MemberDto[];
  }

  return { orgKeys, invite, open, accept, members };
}
