// [Note: fingerprint format]
// A public key's fingerprint for people to compare (posters, QR captions, the staff UI):
// BLAKE2b-320 (crypto_generichash, 40 bytes, keyed with HASH_KEY.fingerprint) of the key, cut into
// eight 5-byte groups; each group, read as a big-endian 40-bit integer, is reduced mod 100000 and
// printed as 5 decimal digits. Result: "12345 67890 ... " (8 groups, about 132 bits). Digits
// because they read aloud the same in Polish and English and survive any font.
import type { Sodium } from './sodium.ts';
import { encodeUtf8 } from '../envelope/utf8.ts';
import { HASH_KEY } from './domains.ts';

export function fingerprint(sodium: Sodium, publicKey: Uint8Array): string {
  const hash = sodium.crypto_generichash(40, publicKey, encodeUtf8(HASH_KEY.fingerprint));
  const groups: string[] = [];
  for (let g = 0; g < 8; g++) {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 256 + (hash[g * 5 + i] ?? 0);
    groups.push(String(value % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}
