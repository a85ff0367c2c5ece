// Staff personal keys and the secrets that unlock them.
// m = Argon2id(NFC password, per-user salt, MODERATE); authKey = KDF(m, 'pwd_auth', 1) logs in
// (the server keeps hex SHA-256 of it, see authKeyHash); wrapKey = KDF(m, 'pwd_wrap', 2) wraps
// the personal key bundle, so the server never holds anything that opens it. A printed recovery
// key (32 random bytes, Crockford base32) wraps the same bundle a second time.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { fromBase32, toBase32 } from '../envelope/base32.ts';
import { decodeKeyBundle, encodeKeyBundle, type KeyBundle } from '../envelope/key-bundle.ts';
import { SALT_BYTES } from '../envelope/layout.ts';
import { ARGON_MODERATE, argon2id, subkey, type ArgonLimits } from './argon.ts';
import { KDF, WRAP_CONTEXT } from './domains.ts';
import { checkKeyBundle, generateKeyBundle } from './keys.ts';
import { passwordBytes } from './root-key.ts';
import { unwrapBytes, wrapBytes } from './wrap.ts';

export type PersonalKeys = KeyBundle;

export interface PasswordKeys {
  authKey: Uint8Array;
  wrapKey: Uint8Array;
}

export function derivePasswordKeys(
  sodium: Sodium,
  password: string,
  salt: Uint8Array,
  limits: ArgonLimits = ARGON_MODERATE,
): PasswordKeys {
  const m = argon2id(sodium, passwordBytes(password), salt, limits);
  return {
    authKey: subkey(sodium, m, KDF.passwordAuth),
    wrapKey: subkey(sodium, m, KDF.passwordWrap),
  };
}

export function generatePersonalKeys(sodium: Sodium): PersonalKeys {
  return generateKeyBundle(sodium);
}

export function wrapPersonalKeys(
  sodium: Sodium,
  keys: PersonalKeys,
  wrapKey: Uint8Array,
): Uint8Array {
  return wrapBytes(sodium, encodeKeyBundle(keys), wrapKey, WRAP_CONTEXT.personalKeys);
}

export function unwrapPersonalKeys(
  sodium: Sodium,
  blob: Uint8Array,
  wrapKey: Uint8Array,
): PersonalKeys {
  const bytes = unwrapBytes(sodium, blob, wrapKey, WRAP_CONTEXT.personalKeys);
  return checkKeyBundle(sodium, decodeKeyBundle(bytes));
}

const RECOVERY_BYTES = 32;

/** Groups of 4 characters joined by dashes: 52 characters, 13 groups. */
export function formatRecoveryKey(raw: Uint8Array): string {
  return (toBase32(raw).match(/.{1,4}/g) ?? []).join('-');
}

export function recoveryWrapKey(sodium: Sodium, recoveryKey: string): Uint8Array {
  if (typeof recoveryKey !== 'string') throw new CryptoError('malformed', 'recovery key');
  const raw = fromBase32(recoveryKey, RECOVERY_BYTES);
  return subkey(sodium, raw, KDF.recoveryWrap);
}

export function generateRecoveryKey(sodium: Sodium): { recoveryKey: string; wrapKey: Uint8Array } {
  const raw = sodium.randombytes_buf(RECOVERY_BYTES);
  const recoveryKey = formatRecoveryKey(raw);
  return { recoveryKey, wrapKey: recoveryWrapKey(sodium, recoveryKey) };
}

export interface StaffCredentials {
  salt: Uint8Array;
  authKey: Uint8Array;
  keys: PersonalKeys;
  wrappedKeys: Uint8Array;
  recoveryKey: string;
  recoveryWrappedKeys: Uint8Array;
}

/** Everything a new staff account needs; the server gets salt, hash(authKey) and both blobs. */
export function createStaffCredentials(
  sodium: Sodium,
  password: string,
  limits: ArgonLimits = ARGON_MODERATE,
): StaffCredentials {
  const salt = sodium.randombytes_buf(SALT_BYTES);
  const { authKey, wrapKey } = derivePasswordKeys(sodium, password, salt, limits);
  const keys = generatePersonalKeys(sodium);
  const recovery = generateRecoveryKey(sodium);
  return {
    salt,
    authKey,
    keys,
    wrappedKeys: wrapPersonalKeys(sodium, keys, wrapKey),
    recoveryKey: recovery.recoveryKey,
    recoveryWrappedKeys: wrapPersonalKeys(sodium, keys, recovery.wrapKey),
  };
}
