// [Note: pupil receipt]
// The pupil's only credential: 16 uniform decimal digits (about 53 bits), shown as 1234-5678-...
// m = Argon2id(the 16 ASCII digits, the school's public 16-byte receipt salt, INTERACTIVE);
// authKey = KDF(m, 'rcpt_aut', 1) is sent to the server, which stores and looks reports up by
// hex(SHA-256(authKey)) (authKeyHash here, node:crypto on the server: the same bytes);
// pupilKey = KDF(m, 'rcpt_key', 2) unwraps K_thread and never leaves the device.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { toHex } from '../envelope/bytes.ts';
import { encodeUtf8 } from '../envelope/utf8.ts';
import { ARGON_INTERACTIVE, argon2id, subkey, type ArgonLimits } from './argon.ts';
import { KDF } from './domains.ts';

const RECEIPT_SPACE = 10n ** 16n;
const MASK_54 = (1n << 54n) - 1n; // 2^54 is the smallest power of two above 10^16

/** Rejection sampling: 54 random bits, retried while >= 10^16 (accepts about 56 % of draws). */
export function generateReceiptCode(sodium: Sodium): string {
  for (;;) {
    const bytes = sodium.randombytes_buf(7);
    let value = 0n;
    for (const byte of bytes) value = (value << 8n) | BigInt(byte);
    value &= MASK_54;
    if (value < RECEIPT_SPACE) return value.toString().padStart(16, '0');
  }
}

/** Accepts digits with any spaces or dashes; returns the 16 bare digits, or null. */
export function parseReceipt(input: string): string | null {
  if (typeof input !== 'string') return null;
  const digits = input.replace(/[\s-]/g, '');
  return /^[0-9]{16}$/.test(digits) ? digits : null;
}

export function formatReceipt(code: string): string {
  const digits = parseReceipt(code);
  if (digits === null) throw new CryptoError('malformed', 'not a receipt code');
  return (digits.match(/.{4}/g) ?? []).join('-');
}

export interface ReceiptKeys {
  authKey: Uint8Array;
  pupilKey: Uint8Array;
}

export function deriveReceiptKeys(
  sodium: Sodium,
  code: string,
  receiptSalt: Uint8Array,
  limits: ArgonLimits = ARGON_INTERACTIVE,
): ReceiptKeys {
  const digits = parseReceipt(code);
  if (digits === null) throw new CryptoError('malformed', 'not a receipt code');
  const m = argon2id(sodium, encodeUtf8(digits), receiptSalt, limits);
  return {
    authKey: subkey(sodium, m, KDF.receiptAuth),
    pupilKey: subkey(sodium, m, KDF.receiptPupil),
  };
}

/** What the server stores for an authKey (receipt or staff password): hex(SHA-256(authKey)). */
export function authKeyHash(sodium: Sodium, authKey: Uint8Array): string {
  return toHex(sodium.crypto_hash_sha256(authKey));
}
