// Strict UTF-8, by hand: shared/ is compiled without DOM types, so TextEncoder is not declared.
// Strict on purpose: a lone surrogate or an overlong sequence would give two byte strings for
// what a person reads as one name or password, so both directions refuse them.
import { CryptoError } from './crypto-error.ts';

export function encodeUtf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) throw new CryptoError('malformed', 'lone surrogate');
      c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      throw new CryptoError('malformed', 'lone surrogate');
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
  }
  return Uint8Array.from(out);
}

export function decodeUtf8(bytes: Uint8Array): string {
  const parts: string[] = [];
  let codes: number[] = [];
  const at = (i: number): number => {
    const b = bytes[i];
    if (b === undefined || (b & 0xc0) !== 0x80) throw new CryptoError('malformed', 'invalid UTF-8');
    return b & 63;
  };
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] ?? 0;
    let c: number;
    let min: number;
    if (b < 0x80) [c, min, i] = [b, 0, i + 1];
    else if ((b & 0xe0) === 0xc0) [c, min, i] = [((b & 31) << 6) | at(i + 1), 0x80, i + 2];
    else if ((b & 0xf0) === 0xe0) {
      [c, min] = [((b & 15) << 12) | (at(i + 1) << 6) | at(i + 2), 0x800];
      i += 3;
    } else if ((b & 0xf8) === 0xf0) {
      [c, min] = [((b & 7) << 18) | (at(i + 1) << 12) | (at(i + 2) << 6) | at(i + 3), 0x10000];
      i += 4;
    } else throw new CryptoError('malformed', 'invalid UTF-8');
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
      throw new CryptoError('malformed', 'invalid UTF-8');
    }
    codes.push(c);
    // Flush in slices so String.fromCodePoint never gets too many arguments.
    if (codes.length >= 8192) {
      parts.push(String.fromCodePoint(...codes));
      codes = [];
    }
  }
  parts.push(String.fromCodePoint(...codes));
  return parts.join('');
}
