// Shared fixtures for the protocol tests: the Node libsodium instance, cheap Argon2id limits, and
// an assertion on CryptoError codes (a generic Error or a wrong code must fail the test).
import { expect } from 'vitest';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { CryptoError, type CryptoErrorCode, type ItemAd } from '../../shared/crypto/index.ts';

export const sodium = await loadSodium();

/** Far below INTERACTIVE, so tests stay fast; one test still runs the real preset. */
export const TEST_LIMITS = { opslimit: 1, memlimit: 8 * 2 ** 20 };

export const REPORT_ID = '0b6f1c1e-6a57-4d1b-9d43-2b1f1a6d2c11';
export const OTHER_REPORT_ID = '0b6f1c1e-6a57-4d1b-9d43-2b1f1a6d2c12';
export const ITEM_ID = '7d3c8a2e-1f4b-4c5d-8e9f-0a1b2c3d4e5f';
export const OTHER_ITEM_ID = '7d3c8a2e-1f4b-4c5d-8e9f-0a1b2c3d4e60';

export function baseAd(overrides: Partial<ItemAd> = {}): ItemAd {
  return {
    reportId: REPORT_ID,
    kind: 'message',
    itemId: ITEM_ID,
    authorRole: 'pupil',
    ...overrides,
  };
}

export function expectCode(fn: () => unknown, code: CryptoErrorCode): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected CryptoError('${code}')`).toBeInstanceOf(CryptoError);
  expect((caught as CryptoError).code).toBe(code);
}

export function flipByte(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

/** A deterministic byte pattern (randombytes_buf is slow for large buffers). */
export function pattern(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed + (i >> 8)) & 0xff;
  return out;
}
