// base64url without padding (RFC 4648 section 5), written by hand so shared/envelope needs no
// libsodium and no platform API. Decoding is strict and canonical: any other alphabet, a
// length that no byte string produces, or non-zero unused bits is refused, so one byte string
// has exactly one text form (ids and keys are compared as text elsewhere).
import { CryptoError } from './crypto-error.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function toB64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[n >> 18] ?? '';
    out += ALPHABET[(n >> 12) & 63] ?? '';
    out += ALPHABET[(n >> 6) & 63] ?? '';
    out += ALPHABET[n & 63] ?? '';
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out += ALPHABET[n >> 18] ?? '';
    out += ALPHABET[(n >> 12) & 63] ?? '';
    if (rest === 2) out += ALPHABET[(n >> 6) & 63] ?? '';
  }
  return out;
}

function sextet(s: string, index: number): number {
  const code = s.charCodeAt(index);
  const value = code < 128 ? (LOOKUP[code] ?? -1) : -1;
  if (value < 0) throw new CryptoError('malformed', 'invalid base64url character');
  return value;
}

export function fromB64(s: string): Uint8Array {
  if (typeof s !== 'string' || s.length % 4 === 1) {
    throw new CryptoError('malformed', 'invalid base64url length');
  }
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const left = Math.min(4, s.length - i);
    let n = 0;
    for (let j = 0; j < 4; j++) n = (n << 6) | (j < left ? sextet(s, i + j) : 0);
    out[o++] = n >> 16;
    if (left > 2) out[o++] = (n >> 8) & 255;
    if (left > 3) out[o++] = n & 255;
    // Unused low bits of a short final group must be zero (canonical encoding).
    if ((left === 2 && (n & 0xffff) !== 0) || (left === 3 && (n & 0xff) !== 0)) {
      throw new CryptoError('malformed', 'non-canonical base64url');
    }
  }
  return out;
}
