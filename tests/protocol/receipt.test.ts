import { describe, expect, it } from 'vitest';
import {
  ARGON_INTERACTIVE,
  authKeyHash,
  deriveReceiptKeys,
  formatReceipt,
  generateReceiptCode,
  parseReceipt,
} from '../../shared/crypto/index.ts';
import { expectCode, sodium, TEST_LIMITS } from './helpers.ts';

const salt = Uint8Array.from({ length: 16 }, (_, i) => i);

describe('receipt codes', () => {
  it('are 16 digits with every digit used at every position', () => {
    const codes = Array.from({ length: 2000 }, () => generateReceiptCode(sodium));
    for (const code of codes) expect(code).toMatch(/^\d{16}$/);
    expect(new Set(codes).size).toBe(codes.length);
    for (let position = 0; position < 16; position++) {
      expect(new Set(codes.map((c) => c[position])).size).toBe(10);
    }
  });

  it('format as 4-4-4-4 and parse back, accepting spaces and dashes', () => {
    const code = '0123456789012345';
    expect(formatReceipt(code)).toBe('0123-4567-8901-2345');
    expect(parseReceipt(formatReceipt(code))).toBe(code);
    expect(parseReceipt(' 0123 4567-8901 2345 ')).toBe(code);
    expect(formatReceipt('0123 4567 8901 2345')).toBe('0123-4567-8901-2345');
  });

  it('parse rejects anything that is not 16 digits', () => {
    for (const bad of [
      '',
      '123',
      '0123-4567-8901-234',
      '0123-4567-8901-23456',
      '0123-4567-8901-234a',
      '٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥',
      '0123_4567_8901_2345',
    ]) {
      expect(parseReceipt(bad)).toBeNull();
    }
    expectCode(() => formatReceipt('12'), 'malformed');
  });
});

describe('receipt key derivation', () => {
  it('gives distinct auth and pupil keys, the same for any formatting of the code', () => {
    const a = deriveReceiptKeys(sodium, '1234567890123456', salt, TEST_LIMITS);
    expect(a.authKey).toHaveLength(32);
    expect(a.pupilKey).toHaveLength(32);
    expect(a.authKey).not.toEqual(a.pupilKey);
    expect(deriveReceiptKeys(sodium, '1234-5678-9012-3456', salt, TEST_LIMITS)).toEqual(a);
    expect(deriveReceiptKeys(sodium, '1234567890123457', salt, TEST_LIMITS).authKey).not.toEqual(
      a.authKey,
    );
    expect(
      deriveReceiptKeys(sodium, '1234567890123456', new Uint8Array(16), TEST_LIMITS).authKey,
    ).not.toEqual(a.authKey);
    expectCode(() => deriveReceiptKeys(sodium, '12345', salt, TEST_LIMITS), 'malformed');
    expectCode(
      () => deriveReceiptKeys(sodium, '1234567890123456', new Uint8Array(15), TEST_LIMITS),
      'malformed',
    );
  });

  it('runs with the real INTERACTIVE limits', () => {
    expect(ARGON_INTERACTIVE).toEqual({
      opslimit: sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE,
      memlimit: sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE,
    });
    const keys = deriveReceiptKeys(sodium, '1234567890123456', salt);
    expect(keys.authKey).not.toEqual(
      deriveReceiptKeys(sodium, '1234567890123456', salt, TEST_LIMITS).authKey,
    );
  });

  it('hashes authKey the way the server does: hex SHA-256', () => {
    // SHA-256 of 32 zero bytes, a value node:crypto gives too.
    expect(authKeyHash(sodium, new Uint8Array(32))).toBe(
      '66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925',
    );
  });
});
