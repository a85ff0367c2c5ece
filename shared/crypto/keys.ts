// Random symmetric keys, key pairs, and sealing to a public key (crypto_box_seal).
// [Note: sealed blob] 0x01 || crypto_box_seal(plaintext, recipientBoxPublicKey). Sealing is
// anonymous and randomised (a fresh ephemeral key each time), so it has no fixed-output vector.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { bytesEqual, concatBytes, expectLength } from '../envelope/bytes.ts';
import { decodeKeyBundle, encodeKeyBundle, type KeyBundle } from '../envelope/key-bundle.ts';
import { KEY_BYTES, SEAL_OVERHEAD, VERSION_1 } from '../envelope/layout.ts';

/** X25519 box pair + Ed25519 signing pair of an organisation (a school or the CdR). */
export type OrgKeyPair = KeyBundle;

/** 32 random bytes: K_thread, K_staff, K_esc, per-file keys, invite secrets. */
export function newKey(sodium: Sodium): Uint8Array {
  return sodium.randombytes_buf(KEY_BYTES);
}

export function generateKeyBundle(sodium: Sodium): KeyBundle {
  const box = sodium.crypto_box_keypair();
  const sign = sodium.crypto_sign_keypair();
  return {
    boxPublicKey: box.publicKey,
    boxSecretKey: box.privateKey,
    signPublicKey: sign.publicKey,
    signSecretKey: sign.privateKey,
  };
}

export function generateOrgKeys(sodium: Sodium): OrgKeyPair {
  return generateKeyBundle(sodium);
}

/** Refuses a bundle whose public halves do not belong to its secret halves. */
export function checkKeyBundle(sodium: Sodium, keys: KeyBundle): KeyBundle {
  const boxPk = sodium.crypto_scalarmult_base(keys.boxSecretKey);
  const signPk = sodium.crypto_sign_ed25519_sk_to_pk(keys.signSecretKey);
  if (!bytesEqual(boxPk, keys.boxPublicKey) || !bytesEqual(signPk, keys.signPublicKey)) {
    throw new CryptoError('malformed', 'key bundle halves do not match');
  }
  return keys;
}

export function sealBytes(
  sodium: Sodium,
  plaintext: Uint8Array,
  recipientBoxPublicKey: Uint8Array,
): Uint8Array {
  expectLength(recipientBoxPublicKey, 32, 'recipient box public key');
  const sealed = sodium.crypto_box_seal(plaintext, recipientBoxPublicKey);
  return concatBytes(Uint8Array.of(VERSION_1), sealed);
}

export function openSealed(
  sodium: Sodium,
  blob: Uint8Array,
  boxPublicKey: Uint8Array,
  boxSecretKey: Uint8Array,
): Uint8Array {
  expectLength(boxPublicKey, 32, 'box public key');
  expectLength(boxSecretKey, 32, 'box secret key');
  if (!(blob instanceof Uint8Array) || blob.length === 0) throw new CryptoError('truncated');
  if (blob[0] !== VERSION_1) throw new CryptoError('unsupported_version', `version ${blob[0]}`);
  if (blob.length < 1 + SEAL_OVERHEAD) throw new CryptoError('truncated');
  try {
    return sodium.crypto_box_seal_open(blob.subarray(1), boxPublicKey, boxSecretKey);
  } catch {
    throw new CryptoError('decrypt_failed');
  }
}

export function sealKey(
  sodium: Sodium,
  key: Uint8Array,
  recipientBoxPublicKey: Uint8Array,
): Uint8Array {
  expectLength(key, KEY_BYTES, 'sealed key');
  return sealBytes(sodium, key, recipientBoxPublicKey);
}

export function openSealedKey(
  sodium: Sodium,
  blob: Uint8Array,
  boxPublicKey: Uint8Array,
  boxSecretKey: Uint8Array,
): Uint8Array {
  const key = openSealed(sodium, blob, boxPublicKey, boxSecretKey);
  if (key.length !== KEY_BYTES) throw new CryptoError('malformed', 'sealed key length');
  return key;
}

/** An organisation's key pairs sealed to one member's personal box key. */
export function sealOrgKeys(
  sodium: Sodium,
  orgKeys: OrgKeyPair,
  memberBoxPublicKey: Uint8Array,
): Uint8Array {
  return sealBytes(sodium, encodeKeyBundle(orgKeys), memberBoxPublicKey);
}

export function openOrgKeys(
  sodium: Sodium,
  blob: Uint8Array,
  memberBoxPublicKey: Uint8Array,
  memberBoxSecretKey: Uint8Array,
): OrgKeyPair {
  const bytes = openSealed(sodium, blob, memberBoxPublicKey, memberBoxSecretKey);
  return checkKeyBundle(sodium, decodeKeyBundle(bytes));
}
