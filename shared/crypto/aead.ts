// [Note: AEAD blob] The one symmetric format, for content items and wrapped keys alike:
//   0  version  1   0x01
//   1  nonce    24  random per blob (XChaCha20's 192-bit nonce makes random nonces safe)
//  25  ct       n+16 crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, nonce, key)
// The caller's associated data always starts with the same version byte, so the version is
// authenticated too.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { concatBytes, expectLength } from '../envelope/bytes.ts';
import {
  AEAD_HEADER_BYTES,
  AEAD_TAG_BYTES,
  KEY_BYTES,
  NONCE_BYTES,
  VERSION_1,
} from '../envelope/layout.ts';

export function newNonce(sodium: Sodium): Uint8Array {
  return sodium.randombytes_buf(NONCE_BYTES);
}

/** Internal: the nonce is injectable for known-answer vectors only; apps pass a fresh one. */
export function aeadSealWithNonce(
  sodium: Sodium,
  key: Uint8Array,
  plaintext: Uint8Array,
  ad: Uint8Array,
  nonce: Uint8Array,
): Uint8Array {
  expectLength(key, KEY_BYTES, 'key');
  expectLength(nonce, NONCE_BYTES, 'nonce');
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
  return concatBytes(Uint8Array.of(VERSION_1), nonce, ct);
}

export function aeadOpen(
  sodium: Sodium,
  key: Uint8Array,
  blob: Uint8Array,
  ad: Uint8Array,
): Uint8Array {
  expectLength(key, KEY_BYTES, 'key');
  if (!(blob instanceof Uint8Array) || blob.length === 0) {
    throw new CryptoError('truncated', 'empty blob');
  }
  if (blob[0] !== VERSION_1) throw new CryptoError('unsupported_version', `version ${blob[0]}`);
  if (blob.length < AEAD_HEADER_BYTES + AEAD_TAG_BYTES) throw new CryptoError('truncated');
  const nonce = blob.subarray(1, AEAD_HEADER_BYTES);
  const ct = blob.subarray(AEAD_HEADER_BYTES);
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ct, ad, nonce, key);
  } catch {
    throw new CryptoError('decrypt_failed');
  }
}
