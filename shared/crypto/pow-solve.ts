// The client's side of [Note: proof of work]: try nonces until SHA-256(token || nonce) has the
// required leading zero bits. The 67 bytes hashed fill two SHA-256 blocks, and the first (the
// token and the nonce's top five bytes) is the same for 2^24 nonces in a row: its state is
// computed once and each try is one compression of the second block, in plain JavaScript. That is
// several times faster per hash than libsodium's SHA-256 through WebAssembly (a call and an input
// copy per hash), and an honest pupil's tablet is what the difficulty is priced against
// [Note: admission]. Browsers run it in a Web Worker, in slices, to show progress.
import { CryptoError } from '../envelope/crypto-error.ts';
import { fromB64, toB64 } from '../envelope/base64url.ts';
import { powNonce, POW_NONCE_BYTES, POW_TOKEN_BYTES } from '../envelope/pow.ts';

// prettier-ignore
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const INPUT_BITS = (POW_TOKEN_BYTES + POW_NONCE_BYTES) * 8;
/** Nonces that share the first block: the low three nonce bytes lie in the second. */
const SAME_FIRST_BLOCK = 2 ** 24;

const at = (a: Int32Array, i: number) => a[i] as number;

/** One SHA-256 compression of the 16 words in w[0..15] onto `from`, into `to`. */
function compress(from: Int32Array, w: Int32Array, to: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const x = at(w, i - 15);
    const y = at(w, i - 2);
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (at(w, i - 16) + s0 + at(w, i - 7) + s1) | 0;
  }
  let a = at(from, 0);
  let b = at(from, 1);
  let c = at(from, 2);
  let d = at(from, 3);
  let e = at(from, 4);
  let f = at(from, 5);
  let g = at(from, 6);
  let h = at(from, 7);
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + at(K, i) + at(w, i)) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  to[0] = (at(from, 0) + a) | 0;
  to[1] = (at(from, 1) + b) | 0;
  to[2] = (at(from, 2) + c) | 0;
  to[3] = (at(from, 3) + d) | 0;
  to[4] = (at(from, 4) + e) | 0;
  to[5] = (at(from, 5) + f) | 0;
  to[6] = (at(from, 6) + g) | 0;
  to[7] = (at(from, 7) + h) | 0;
}

/** The state after the first block: the token's 59 bytes and the nonce's top five. */
function firstBlockState(token: Uint8Array, high: number): Int32Array {
  const block = new Uint8Array(64);
  block.set(token, 0);
  block.set(powNonce(high * SAME_FIRST_BLOCK).subarray(0, 5), POW_TOKEN_BYTES);
  const w = new Int32Array(64);
  const view = new DataView(block.buffer);
  for (let i = 0; i < 16; i++) w[i] = view.getInt32(i * 4);
  const state = new Int32Array(8);
  compress(IV, w, state);
  return state;
}

function checked(challenge: string, bits: number): Uint8Array {
  const token = fromB64(challenge);
  if (token.length !== POW_TOKEN_BYTES || !Number.isInteger(bits) || bits < 0 || bits > 32) {
    throw new CryptoError('malformed', 'not a proof-of-work challenge');
  }
  return token;
}

/**
 * Tries the nonces `from`, `from + 1`, ... `from + count - 1` in order; the first that gives `bits`
 * leading zero bits (base64url), or null when none of them does.
 */
export function solvePowRange(
  challenge: string,
  bits: number,
  from: number,
  count: number,
): string | null {
  const token = checked(challenge, bits);
  const end = Math.min(from + count, Number.MAX_SAFE_INTEGER);
  const w = new Int32Array(64);
  w[15] = INPUT_BITS;
  const out = new Int32Array(8);
  let counter = from;
  while (counter < end) {
    const high = Math.floor(counter / SAME_FIRST_BLOCK);
    const state = firstBlockState(token, high);
    const stop = Math.min(end, (high + 1) * SAME_FIRST_BLOCK);
    for (; counter < stop; counter++) {
      // The nonce's low three bytes, then the 0x80 that ends the message.
      w[0] = ((counter % SAME_FIRST_BLOCK) << 8) | 0x80;
      compress(state, w, out);
      // At most 32 bits are asked for: the first word of the hash tells.
      if (Math.clz32(at(out, 0)) >= bits) return toB64(powNonce(counter));
    }
  }
  return null;
}

/** Solves a challenge in one go (tests and Node tools; browsers use slices in a worker). */
export function solvePow(challenge: string, bits: number): string {
  checked(challenge, bits);
  for (let from = 0; from < Number.MAX_SAFE_INTEGER; from += SAME_FIRST_BLOCK) {
    const nonce = solvePowRange(challenge, bits, from, SAME_FIRST_BLOCK);
    if (nonce) return nonce;
  }
  throw new CryptoError('malformed', 'no proof-of-work solution');
}
