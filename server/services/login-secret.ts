// What the sign-in endpoints answer for a login nobody has: made-up values derived from a server
// secret, so they are the same on every call and shaped like real ones, and an answer never tells
// whether an account exists. The secret (32 random bytes, settings 'login_secret') is made on
// first use; of two processes starting at once the first writer wins.
import { createHmac, randomBytes } from 'node:crypto';
import { ARGON_MODERATE } from '../../shared/crypto/argon.ts';
import { KEY_BUNDLE_BYTES } from '../../shared/envelope/key-bundle.ts';
import {
  AEAD_TAG_BYTES,
  NONCE_BYTES,
  SALT_BYTES,
  SEAL_OVERHEAD,
  VERSION_1,
} from '../../shared/envelope/layout.ts';
import type { LoginParamsDto } from '../../shared/protocol/staff.ts';
import type { DbOrTrx } from '../db/database.ts';
import { getSetting, setSettingIfAbsent } from '../db/repositories/settings.ts';

/** A personal key bundle wrapped under a password or recovery wrapKey (an AEAD blob). */
export const WRAPPED_KEYS_BYTES = 1 + NONCE_BYTES + KEY_BUNDLE_BYTES + AEAD_TAG_BYTES;
/** An organisation key bundle sealed to a member (sealOrgKeys). */
export const SEALED_ORG_KEYS_BYTES = 1 + SEAL_OVERHEAD + KEY_BUNDLE_BYTES;
/** The 32-byte invitation secret sealed to the organisation's box key (sealBytes). */
export const SEALED_INVITE_SECRET_BYTES = 1 + SEAL_OVERHEAD + 32;

const SETTING = 'login_secret';

export async function loginSecret(db: DbOrTrx): Promise<Buffer> {
  let value = await getSetting(db, SETTING);
  if (value === undefined) {
    await setSettingIfAbsent(db, SETTING, randomBytes(32).toString('base64url'));
    value = await getSetting(db, SETTING);
  }
  if (value === undefined) throw new Error('login secret missing');
  return Buffer.from(value, 'base64url');
}

/** The first 16 bytes of HMAC-SHA-256(secret, login), with the default limits. */
export function fakeLoginParams(secret: Buffer, login: string): LoginParamsDto {
  const salt = createHmac('sha256', secret).update(login).digest().subarray(0, SALT_BYTES);
  return {
    salt: salt.toString('base64url'),
    opslimit: ARGON_MODERATE.opslimit,
    memlimit: ARGON_MODERATE.memlimit,
  };
}

/** A recovery blob for an unknown login: version byte, then HMAC-derived bytes of the real length
 * (the client's unwrap fails exactly as it does for a wrong recovery key). */
export function fakeRecoveryBlob(secret: Buffer, login: string): Uint8Array {
  const out = Buffer.alloc(WRAPPED_KEYS_BYTES);
  for (let block = 0, offset = 0; offset < out.length; block++, offset += 32) {
    createHmac('sha256', secret).update(`recovery\0${block}\0${login}`).digest().copy(out, offset);
  }
  out[0] = VERSION_1;
  return new Uint8Array(out);
}
