// [Note: proof of work] Anti-abuse without identity: before a pupil endpoint accepts a report or a
// receipt, the client finds a nonce such that SHA-256(challenge token bytes || nonce) starts with
// `bits` zero bits. The token is issued and MAC'd by the server (short-lived, bound to the school
// and the purpose) and can be spent once. Layout of the token's payload:
//   0  1   version 0x01
//   1  1   purpose: report 1, receipt 2
//   2  16  organisation id (UUID bytes)
//   18 8   expires at (u64 unix seconds)
//   26 1   bits
//   27 16  random challenge id
//   43 16  server MAC (HMAC-SHA-256 truncated to 16 bytes) over bytes 0..42
// The nonce is 8 bytes. This module is pure: the hash itself is computed by the caller.
export const POW_NONCE_BYTES = 8;
export const POW_TOKEN_BYTES = 59;
export const POW_PAYLOAD_BYTES = 43;
export const POW_PURPOSES = { report: 1, receipt: 2 } as const;
export type PowPurpose = keyof typeof POW_PURPOSES;

/** Number of leading zero bits of a hash. */
export function leadingZeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** The bytes that are hashed: token || nonce. */
export function powInput(token: Uint8Array, nonce: Uint8Array): Uint8Array {
  const input = new Uint8Array(token.length + nonce.length);
  input.set(token, 0);
  input.set(nonce, token.length);
  return input;
}

/** The nonce for a counter value (big-endian u64 from a safe integer). */
export function powNonce(counter: number): Uint8Array {
  const nonce = new Uint8Array(POW_NONCE_BYTES);
  let value = counter;
  for (let i = POW_NONCE_BYTES - 1; i >= 0; i--) {
    nonce[i] = value % 256;
    value = Math.floor(value / 256);
  }
  return nonce;
}
