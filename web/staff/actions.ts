// Signing in and out: the password never leaves the worker; the server gets only the authKey.
import { toB64 } from '../../shared/envelope/base64url.ts';
import type { StaffMeDto } from '../../shared/protocol/staff.ts';
import { crypto, wipeCryptoWorker } from './crypto.ts';
import { staffApi } from './staff-api.ts';
import { unlocked, view, waitingMember, type Unlocked } from './state.ts';

async function orgSignKeys(me: StaffMeDto): Promise<Uint8Array[]> {
  if (!me.org) return [];
  const { certificates } = await staffApi.certificates(me.org.id);
  return crypto('verifiedSignKeys', me.org.id, certificates);
}

export async function signIn(login: string, password: string, totp: string): Promise<void> {
  const params = await staffApi.loginParams(login);
  const { authKey, wrapKey } = await crypto('derivePassword', password, params.salt, params);
  const me = await staffApi.login(login, toB64(authKey), totp);
  const { personal, orgKeys } = await crypto('unlock', me.wrappedKeys, wrapKey, me.keyGrants);
  if (me.status === 'invited') {
    waitingMember.value = { me, personal };
    view.value = { name: 'waiting' };
    return;
  }
  await enter(me, personal, orgKeys);
}

/** Into the workspace with the keys unlocked (after sign-in, or after the recovery key). */
export async function enter(
  me: StaffMeDto,
  personal: Unlocked['personal'],
  orgKeys: Unlocked['orgKeys'],
): Promise<void> {
  waitingMember.value = null;
  unlocked.value = { me, personal, orgKeys, orgSignKeys: await orgSignKeys(me) };
  // The CdR works on escalations only; a school's reports are never theirs to list.
  view.value =
    me.role === 'cdr_specialist'
      ? { name: 'escalations' }
      : me.role === 'admin'
        ? { name: 'help' }
        : { name: 'inbox' };
}

/** Logout and the idle lock: end the session and forget every key. */
export function signOut(): void {
  void staffApi.logout();
  unlocked.value = null;
  waitingMember.value = null;
  wipeCryptoWorker();
  view.value = { name: 'login' };
}
