// A staff member's client in Node, for tests: signs in the way the staff browser does (login
// parameters -> Argon2id -> authKey, plus a TOTP code from the member's secret), keeps the
// session cookie, and opens what /me hands back (personal keys, organisation key grants).
import { generate } from 'otplib';
import {
  derivePasswordKeys,
  fromB64,
  openOrgKeys,
  toB64,
  unwrapPersonalKeys,
  type OrgKeyPair,
  type PersonalKeys,
  type Sodium,
} from '../../shared/crypto/index.ts';
import type { LoginParamsDto, StaffMeDto } from '../../shared/protocol/staff.ts';
import { json, type Send } from './pupil-client.ts';

export interface StaffLogin {
  /** The `Cookie` request header value that carries the session. */
  cookie: string;
  me: StaffMeDto;
  /** The password's wrapKey, which opens me.wrappedKeys. */
  wrapKey: Uint8Array;
}

export interface StaffCredentialsInput {
  login: string;
  password: string;
  totpSecret: string;
  /** The server's clock (tests move it); real time by default. */
  now?: Date;
}

/** The current 6-digit code of a TOTP secret at `now` (what the authenticator app shows). */
export const totpCode = (secret: string, now: Date = new Date()) =>
  generate({ secret, epoch: Math.floor(now.getTime() / 1000) });

/** Headers of a signed-in, state-changing request [Note: staff sessions]. */
export const staffHeaders = (cookie: string, extra: Record<string, string> = {}) => ({
  Cookie: cookie,
  'X-CSRF': '1',
  ...extra,
});

/** A JSON request as the staff app sends it: the CSRF header, and the cookie when signed in. */
export function staffJson(body: unknown, cookie?: string, method = 'POST'): RequestInit {
  const init = json(body, cookie ? staffHeaders(cookie) : { 'X-CSRF': '1' });
  return { ...init, method };
}

/** The `name=value` part of the response's session cookie, or undefined when none was set. */
export function sessionCookie(res: Response): string | undefined {
  const all = res.headers.getSetCookie();
  return all.map((c) => c.split(';')[0] ?? '').find((c) => /^(__Host-)?staff=./.test(c));
}

export async function loginParams(send: Send, login: string): Promise<LoginParamsDto> {
  const res = await send('/api/staff/login/params', staffJson({ login }));
  if (res.status !== 200) throw new Error(`login params: ${res.status} ${await res.text()}`);
  return (await res.json()) as LoginParamsDto;
}

/** What the browser sends to /login for this password (without the code). */
export async function passwordKeys(
  send: Send,
  sodium: Sodium,
  login: string,
  password: string,
): Promise<{ authKey: Uint8Array; wrapKey: Uint8Array }> {
  const params = await loginParams(send, login);
  return derivePasswordKeys(sodium, password, fromB64(params.salt), params);
}

/** Signs in; throws unless the server answers 200 with a session cookie. */
export async function staffLogin(
  send: Send,
  sodium: Sodium,
  input: StaffCredentialsInput,
): Promise<StaffLogin> {
  const { authKey, wrapKey } = await passwordKeys(send, sodium, input.login, input.password);
  const totp = await totpCode(input.totpSecret, input.now);
  const res = await send(
    '/api/staff/login',
    staffJson({ login: input.login, authKey: toB64(authKey), totp }),
  );
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  const cookie = sessionCookie(res);
  if (!cookie) throw new Error('login: no session cookie');
  return { cookie, me: (await res.json()) as StaffMeDto, wrapKey };
}

export function unlockPersonalKeys(
  sodium: Sodium,
  me: Pick<StaffMeDto, 'wrappedKeys'>,
  wrapKey: Uint8Array,
): PersonalKeys {
  return unwrapPersonalKeys(sodium, fromB64(me.wrappedKeys), wrapKey);
}

/** The organisation keys of a grant in /me (the member's own organisation, highest version by
 * default), opened with the personal box key. */
export function openGrantedOrgKeys(
  sodium: Sodium,
  me: Pick<StaffMeDto, 'keyGrants' | 'org'>,
  personal: PersonalKeys,
  which: { orgId?: string; version?: number } = {},
): OrgKeyPair {
  const orgId = which.orgId ?? me.org?.id;
  const grants = me.keyGrants
    .filter(
      (g) => g.orgId === orgId && (which.version === undefined || g.version === which.version),
    )
    .sort((a, b) => b.version - a.version);
  const grant = grants[0];
  if (!grant) throw new Error(`no key grant for ${orgId ?? 'no organisation'}`);
  return openOrgKeys(
    sodium,
    fromB64(grant.sealedKeys),
    personal.boxPublicKey,
    personal.boxSecretKey,
  );
}
