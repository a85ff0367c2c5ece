// Signing in and out: the password never leaves the worker; the server gets only the authKey.
// The organisation keys the server hands back count only when they match the organisation's
// root-signed certificates (staff-ops.ts, unlock).
import { toB64 } from '../../shared/envelope/base64url.ts';
import type { StaffMeDto } from '../../shared/protocol/staff.ts';
import { forgetTips } from '../common/seen-tips.ts';
import { forgetDrafts } from './drafts.ts';
import { sawVersion, seenVersion } from '../common/seen-versions.ts';
import { crypto, wipeCryptoWorker } from './crypto.ts';
import { staffApi } from './staff-api.ts';
import { go, viewOf, type View } from './router.ts';
import { locked, unlocked, waitingMember } from './state.ts';

/** The code of this tab's last sign-in: the server takes each code once, so the same code typed
 * again (signing in again within the same 30 s, after a logout or a reload) is told apart from a
 * wrong one here, without asking the server, whose refusals stay uniform [Note: uniform sign-in
 * failure]. Kept in the tab's sessionStorage: a spent code opens nothing. */
const LAST_TOTP = 'staff-last-totp';
const TOTP_REUSE_MS = 90_000;

function justUsed(code: string): boolean {
  try {
    const last = JSON.parse(sessionStorage.getItem(LAST_TOTP) ?? 'null') as {
      code?: unknown;
      at?: unknown;
    } | null;
    return (
      last?.code === code && typeof last.at === 'number' && Date.now() - last.at < TOTP_REUSE_MS
    );
  } catch {
    return false;
  }
}

export class TotpJustUsed extends Error {
  constructor() {
    super('this code was just used');
    this.name = 'TotpJustUsed';
  }
}

export async function signIn(login: string, password: string, totp: string): Promise<void> {
  if (justUsed(totp)) throw new TotpJustUsed();
  const params = await staffApi.loginParams(login);
  const { authKey, wrapKey } = await crypto('derivePassword', password, params.salt, params);
  const me = await staffApi.login(login, toB64(authKey), totp);
  sessionStorage.setItem(LAST_TOTP, JSON.stringify({ code: totp, at: Date.now() }));
  await enter(me, wrapKey);
}

/** After a reload or the idle lock, while the server session lasts: the password only, which opens
 * the wrapped keys in the worker [Note: lock and logout]. The server learns nothing of it. */
export async function unlockWithPassword(password: string): Promise<void> {
  const me = await staffApi.me();
  const params = await staffApi.loginParams(me.login);
  const { wrapKey } = await crypto('derivePassword', password, params.salt, params);
  try {
    await crypto('unlock', me.wrappedKeys, wrapKey, [], null, []);
  } catch {
    throw new WrongPassword();
  }
  await enter(me, wrapKey);
}

export class WrongPassword extends Error {
  constructor() {
    super('the password does not open the keys');
    this.name = 'WrongPassword';
  }
}

/** Is there a server session to unlock? Asked once when the app starts. */
export function checkSession(): void {
  staffApi.me().then(
    (me) => (locked.value = me),
    () => (locked.value = null),
  );
}

/** The idle lock: forget every key, keep the session (and the address) for the password. */
export function lock(): void {
  const u = unlocked.value;
  if (!u) return;
  unlocked.value = null;
  wipeCryptoWorker();
  locked.value = u.me;
}

async function enter(me: StaffMeDto, wrapKey: Uint8Array): Promise<void> {
  if (me.status === 'invited') {
    // Their own keys only: what the recovery key or the founding step needs on the waiting screen.
    const { personal } = await crypto('unlock', me.wrappedKeys, wrapKey, [], null, []);
    waitingMember.value = { me, personal, wrapKey };
    go({ name: 'waiting' });
    return;
  }
  await unlockAndEnter(me, wrapKey);
}

async function unlockAndEnter(me: StaffMeDto, wrapKey: Uint8Array): Promise<void> {
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
  waitingMember.value = null;
  locked.value = null;
  unlocked.value = { me, personal, orgKeys, orgSignKeys };
  // Back where the address points (a reload, a link from an alert), unless it is a screen for
  // the signed-out or the waiting; otherwise the role's first screen.
  const here = viewOf(location.pathname);
  if (['home', 'recovery', 'waiting'].includes(here.name)) go(homeOf(me.role), true);
}

/** A waiting member who now holds the keys (school recovery key, founding member): into the
 * workspace exactly as at sign-in, the new grants checked against the certificates again. */
export async function enterAfterGrant(): Promise<void> {
  const waiting = waitingMember.value;
  if (!waiting) throw new Error('nobody is waiting');
  await unlockAndEnter(await staffApi.me(), waiting.wrapKey);
}

/** The first screen of a role: the CdR works on escalations only (a school's reports are never
 * theirs to list), the administrator on the municipality's help directory. */
export function homeOf(role: StaffMeDto['role']): View {
  return role === 'cdr_specialist'
    ? { name: 'escalations' }
    : role === 'admin'
      ? { name: 'help' }
      : { name: 'inbox' };
}

/** Logout: end the session and forget every key. */
export function signOut(): void {
  void staffApi.logout();
  unlocked.value = null;
  waitingMember.value = null;
  locked.value = null;
  forgetTips();
  forgetDrafts();
  wipeCryptoWorker();
  go({ name: 'home' });
}
