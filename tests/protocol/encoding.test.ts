import { describe, expect, it } from 'vitest';
import { encodeAd, fromB64, toB64 } from '../../shared/crypto/index.ts';
import { fromBase32, toBase32 } from '../../shared/envelope/base32.ts';
import { decodeUtf8, encodeUtf8 } from '../../shared/envelope/utf8.ts';
import { baseAd, expectCode, pattern, sodium } from './helpers.ts';

describe('base64url', () => {
  it('matches libsodium URLSAFE_NO_PADDING for every length up to 70', () => {
    for (let n = 0; n <= 70; n++) {
      const bytes = pattern(n, n);
      const text = toB64(bytes);
      expect(text).toBe(sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING));
      expect(fromB64(text)).toEqual(bytes);
    }
  });

  it('refuses non-canonical or foreign input', () => {
    for (const bad of ['A', 'AB=', 'AB+/', 'AB/C', 'AQ==', 'AR', 'AAB', 'ä', ' AAA']) {
      expectCode(() => fromB64(bad), 'malformed');
    }
  });
});

describe('UTF-8 and base32', () => {
  it('round-trips text and matches libsodium', () => {
    const text = 'Zażółć gęślą jaźń — 😟 ok';
    expect(encodeUtf8(text)).toEqual(sodium.from_string(text));
    expect(decodeUtf8(encodeUtf8(text))).toBe(text);
    expectCode(() => encodeUtf8('\ud800x'), 'malformed');
    expectCode(() => decodeUtf8(Uint8Array.of(0xc0, 0x80)), 'malformed');
    expectCode(() => decodeUtf8(Uint8Array.of(0xed, 0xa0, 0x80)), 'malformed');
    expectCode(() => decodeUtf8(Uint8Array.of(0xe2, 0x82)), 'malformed');
  });

  it('round-trips Crockford base32', () => {
    for (const n of [1, 5, 16, 32]) {
      const bytes = pattern(n, 11);
      expect(fromBase32(toBase32(bytes), n)).toEqual(bytes);
    }
    expect(toBase32(Uint8Array.of(0xff, 0xff))).toBe('ZZZG');
    expectCode(() => fromBase32('ZZZZ', 2), 'malformed');
  });
});

describe('item associated data', () => {
  it('has the documented 71-byte layout', () => {
    const prevHash = new Uint8Array(32).fill(0xab);
    const ad = encodeAd(baseAd({ kind: 'outcome', authorRole: 'cdr', seq: 0x01020304, prevHash }));
    expect(ad).toHaveLength(71);
    expect([ad[0], ad[1], ad[2]]).toEqual([1, 7, 3]);
    expect(toHexStr(ad.subarray(3, 19))).toBe('0b6f1c1e6a574d1b9d432b1f1a6d2c11');
    expect(toHexStr(ad.subarray(35, 39))).toBe('01020304');
    expect(ad.subarray(39)).toEqual(prevHash);
    const bare = encodeAd(baseAd());
    expect(bare.subarray(35)).toEqual(new Uint8Array(36));
    expectCode(() => encodeAd(baseAd({ kind: 'bogus' as 'note' })), 'malformed');
    expectCode(() => encodeAd(baseAd({ authorRole: 'toString' as 'pupil' })), 'malformed');
  });
});

function toHexStr(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
