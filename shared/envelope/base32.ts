// Crockford base32 for printed secrets (the staff recovery key): no padding, digits and upper
// case letters without I, L, O, U. Decoding forgives what people do when they type a printout:
// lower case, spaces and dashes, O for 0, I or L for 1. Anything else is refused.
import { CryptoError } from './crypto-error.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >> (bits - 5)) & 31] ?? '';
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31] ?? '';
  return out;
}

/** Decodes exactly `length` bytes; extra characters or non-zero spare bits are refused. */
export function fromBase32(text: string, length: number): Uint8Array {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length !== Math.ceil((length * 8) / 5)) {
    throw new CryptoError('malformed', 'wrong number of characters');
  }
  const out = new Uint8Array(length);
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (const ch of clean) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new CryptoError('malformed', 'invalid character');
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      out[o++] = (buffer >> (bits - 8)) & 255;
      bits -= 8;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) throw new CryptoError('malformed', 'non-canonical');
  return out;
}
