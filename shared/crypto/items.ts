// Content items: JSON values encrypted as an AEAD blob ([Note: AEAD blob]) whose associated data
// is encodeAd(ad) ([Note: item associated data]) and whose plaintext is padded to a Padme bucket
// ([Note: padding buckets]).
import type { Sodium } from './sodium.ts';
import { aeadOpen, aeadSealWithNonce, newNonce } from './aead.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { encodeAd, type ItemAd } from '../envelope/item-ad.ts';
import { padmeLength } from '../envelope/padme.ts';
import { decodeUtf8, encodeUtf8 } from '../envelope/utf8.ts';

function padJson(sodium: Sodium, value: unknown): Uint8Array {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new CryptoError('malformed', 'value is not JSON-serialisable');
  const bytes = encodeUtf8(json);
  // +1: sodium.pad always appends at least the 0x80 marker byte.
  return sodium.pad(bytes, padmeLength(bytes.length + 1));
}

/** Internal: fixed nonce for vectors. */
export function encryptItemWithNonce(
  sodium: Sodium,
  key: Uint8Array,
  value: unknown,
  ad: ItemAd,
  nonce: Uint8Array,
): Uint8Array {
  return aeadSealWithNonce(sodium, key, padJson(sodium, value), encodeAd(ad), nonce);
}

export function encryptItem(
  sodium: Sodium,
  key: Uint8Array,
  value: unknown,
  ad: ItemAd,
): Uint8Array {
  return encryptItemWithNonce(sodium, key, value, ad, newNonce(sodium));
}

export function decryptItem(
  sodium: Sodium,
  key: Uint8Array,
  blob: Uint8Array,
  ad: ItemAd,
): unknown {
  const padded = aeadOpen(sodium, key, blob, encodeAd(ad));
  let bytes: Uint8Array;
  try {
    bytes = sodium.unpad(padded, padded.length);
  } catch {
    throw new CryptoError('malformed', 'invalid padding');
  }
  try {
    return JSON.parse(decodeUtf8(bytes)) as unknown;
  } catch {
    throw new CryptoError('malformed', 'plaintext is not JSON');
  }
}
