// The client's side of [Note: proof of work]: try nonces until SHA-256(token || nonce) has the
// required leading zero bits. libsodium's SHA-256 runs synchronously in WebAssembly, which is far
// faster per hash than WebCrypto's promise per digest; browsers run this in a Web Worker.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { fromB64, toB64 } from '../envelope/base64url.ts';
import { leadingZeroBits, powInput, powNonce, POW_TOKEN_BYTES } from '../envelope/pow.ts';

export function solvePow(sodium: Sodium, challenge: string, bits: number): string {
  const token = fromB64(challenge);
  if (token.length !== POW_TOKEN_BYTES || !Number.isInteger(bits) || bits < 0 || bits > 32) {
    throw new CryptoError('malformed', 'not a proof-of-work challenge');
  }
  for (let counter = 0; counter < Number.MAX_SAFE_INTEGER; counter++) {
    const nonce = powNonce(counter);
    if (leadingZeroBits(sodium.crypto_hash_sha256(powInput(token, nonce))) >= bits) {
      return toB64(nonce);
    }
  }
  throw new CryptoError('malformed', 'no proof-of-work solution');
}
