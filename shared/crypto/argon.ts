// Argon2id (crypto_pwhash, ALG_ARGON2ID13) with explicit limits. The presets are plain numbers,
// equal to libsodium's INTERACTIVE and MODERATE, so that reading them needs no loaded library and
// a vector records exactly what it used.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { SALT_BYTES } from '../envelope/layout.ts';

export interface ArgonLimits {
  opslimit: number;
  memlimit: number;
}

export const ARGON_INTERACTIVE: ArgonLimits = Object.freeze({
  opslimit: 2,
  memlimit: 64 * 2 ** 20,
});
export const ARGON_MODERATE: ArgonLimits = Object.freeze({ opslimit: 3, memlimit: 256 * 2 ** 20 });

/** Upper bounds on limits read from files, so a crafted file cannot exhaust memory. */
const MAX_OPSLIMIT = 16;
const MAX_MEMLIMIT = 1024 * 2 ** 20;

export function checkLimits(limits: ArgonLimits): void {
  const { opslimit, memlimit } = limits;
  if (!Number.isInteger(opslimit) || opslimit < 1 || opslimit > MAX_OPSLIMIT) {
    throw new CryptoError('malformed', 'Argon2id opslimit out of range');
  }
  if (!Number.isInteger(memlimit) || memlimit < 8192 || memlimit > MAX_MEMLIMIT) {
    throw new CryptoError('malformed', 'Argon2id memlimit out of range');
  }
}

/** 32 bytes of Argon2id output over `secret` (already UTF-8 encoded). */
export function argon2id(
  sodium: Sodium,
  secret: Uint8Array,
  salt: Uint8Array,
  limits: ArgonLimits,
): Uint8Array {
  checkLimits(limits);
  if (!(salt instanceof Uint8Array) || salt.length !== SALT_BYTES) {
    throw new CryptoError('malformed', 'salt must be 16 bytes');
  }
  return sodium.crypto_pwhash(
    32,
    secret,
    salt,
    limits.opslimit,
    limits.memlimit,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
}

/** A subkey named by one entry of KDF in domains.ts. */
export function subkey(
  sodium: Sodium,
  master: Uint8Array,
  name: { readonly context: string; readonly id: number },
): Uint8Array {
  return sodium.crypto_kdf_derive_from_key(32, name.id, name.context, master);
}
