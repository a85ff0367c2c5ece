// Signing in and out: the password never leaves the worker; the server gets only the authKey.
// The organisation keys the server hands back count only when they match the organisation's
// root-signed certificates (staff-ops.ts, unlock).
import { toB64 } from '../../shared/envelope/base64url.ts';
import { forgetTips } from '../common/seen-tips.ts';
import { sawVersion, seenVersion } from '../common/seen-versions.ts';
import { crypto, wipeCryptoWorker } from './crypto.ts';
import { staffApi } from './staff-api.ts';
import { unlocked, view } from './state.ts';

export async function signIn(login: string, password: string, totp: string): Promise<void> {
  const params = await staffApi.loginParams(login);
  const { authKey, wrapKey } = await crypto('derivePassword', password, params.salt, params);
  const me = await staffApi.login(login, toB64(authKey), totp);
  if (me.status === 'invited') {
    view.value = { name: 'waiting' };
    return;
  }
  const orgId = me.org?.id ?? null;
  const { certificates } = orgId ? await staffApi.certificates(orgId) : { certificates: [] };
  const { personal, orgKeys, orgSignKeys } = await crypto(
    'unlock',
    me.wrappedKeys,
    wrapKey,
    me.keyGrants,
    orgId,
    certificates,
    orgId ? seenVersion(orgId) : 0,
  );
  for (const k of orgKeys) sawVersion(k.orgId, k.version);
  unlocked.value = { me, personal, orgKeys, orgSignKeys };
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
  forgetTips();
  wipeCryptoWorker();
  view.value = { name: 'login' };
}
