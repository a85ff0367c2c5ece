import { describe, expect, it } from 'vitest';
import { decryptItem, encryptItem, newKey, padmeLength } from '../../shared/crypto/index.ts';
import {
  baseAd,
  expectCode,
  flipByte,
  ITEM_ID,
  OTHER_ITEM_ID,
  OTHER_REPORT_ID,
  sodium,
} from './helpers.ts';

const key = newKey(sodium);
const ad = baseAd({ seq: 3, prevHash: new Uint8Array(32).fill(9) });
const value = { text: 'Ktoś mnie przezywa na przerwie 😟', tags: ['school'], n: 1 };

describe('content items', () => {
  it('round-trips a JSON value', () => {
    const blob = encryptItem(sodium, key, value, ad);
    expect(blob[0]).toBe(1);
    expect(decryptItem(sodium, key, blob, ad)).toEqual(value);
  });

  it('uses a fresh nonce every time', () => {
    const a = encryptItem(sodium, key, value, ad);
    const b = encryptItem(sodium, key, value, ad);
    expect(a.subarray(1, 25)).not.toEqual(b.subarray(1, 25));
  });

  it('refuses a wrong key and every tampered byte region', () => {
    const blob = encryptItem(sodium, key, value, ad);
    expectCode(() => decryptItem(sodium, newKey(sodium), blob, ad), 'decrypt_failed');
    for (const index of [1, 24, 25, 100, blob.length - 1]) {
      expectCode(() => decryptItem(sodium, key, flipByte(blob, index), ad), 'decrypt_failed');
    }
  });

  it('refuses any change to each associated data field', () => {
    const blob = encryptItem(sodium, key, value, ad);
    const variants = [
      { ...ad, reportId: OTHER_REPORT_ID },
      { ...ad, kind: 'note' as const },
      { ...ad, itemId: OTHER_ITEM_ID },
      { ...ad, authorRole: 'counsellor' as const },
      { ...ad, seq: 4 },
      { ...ad, prevHash: new Uint8Array(32).fill(8) },
      baseAd(),
    ];
    for (const wrong of variants) {
      expectCode(() => decryptItem(sodium, key, blob, wrong), 'decrypt_failed');
    }
    expect(decryptItem(sodium, key, blob, { ...ad, itemId: ITEM_ID.toUpperCase() })).toEqual(value);
  });

  it('refuses unknown versions and truncated blobs', () => {
    const blob = encryptItem(sodium, key, value, ad);
    const v2 = blob.slice();
    v2[0] = 2;
    expectCode(() => decryptItem(sodium, key, v2, ad), 'unsupported_version');
    const v0 = blob.slice();
    v0[0] = 0;
    expectCode(() => decryptItem(sodium, key, v0, ad), 'unsupported_version');
    expectCode(() => decryptItem(sodium, key, new Uint8Array(0), ad), 'truncated');
    expectCode(() => decryptItem(sodium, key, blob.slice(0, 40), ad), 'truncated');
    expectCode(
      () => decryptItem(sodium, key, blob.slice(0, blob.length - 1), ad),
      'decrypt_failed',
    );
  });

  it('refuses malformed associated data and values', () => {
    expectCode(() => encryptItem(sodium, key, value, { ...ad, reportId: 'nope' }), 'malformed');
    expectCode(() => encryptItem(sodium, key, value, { ...ad, seq: -1 }), 'malformed');
    expectCode(() => encryptItem(sodium, key, value, { ...ad, seq: 2 ** 32 }), 'malformed');
    expectCode(
      () => encryptItem(sodium, key, value, { ...ad, prevHash: new Uint8Array(31) }),
      'malformed',
    );
    expectCode(() => encryptItem(sodium, key, undefined, ad), 'malformed');
  });

  it('pads plaintexts into a few Padme buckets of at least 256 bytes', () => {
    const lengths = new Set<number>();
    for (let n = 1; n <= 5000; n++) {
      // A JSON string of n characters serialises to n + 2 bytes.
      const blob = encryptItem(sodium, key, 'x'.repeat(n), ad);
      const padded = blob.length - 1 - 24 - 16;
      expect(padded).toBeGreaterThanOrEqual(256);
      expect(padded).toBe(padmeLength(n + 3));
      lengths.add(blob.length);
    }
    // 5000 different inputs leak only 69 size classes (16 per power of two above 256).
    expect(lengths.size).toBe(69);
    expect(Math.min(...lengths)).toBe(1 + 24 + 256 + 16);
  });

  it('computes Padme lengths', () => {
    expect([0, 1, 255, 256, 257, 300, 1000, 5000, 65536, 1_000_000].map(padmeLength)).toEqual([
      256, 256, 256, 256, 272, 304, 1024, 5120, 65536, 1_015_808,
    ]);
    for (let n = 257; n < 70_000; n += 37) {
      const p = padmeLength(n);
      expect(p).toBeGreaterThanOrEqual(n);
      expect(p - n).toBeLessThanOrEqual(n * 0.12);
    }
  });
});
