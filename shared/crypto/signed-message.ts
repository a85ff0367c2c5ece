// The bytes every Ed25519 signature and invite MAC covers: UTF-8(domain) || 0x00 || parts...
// The NUL ends the domain string, and every part after it has a fixed length except the last,
// so two different inputs never produce the same message ([Note: domain separation]).
import { concatBytes } from '../envelope/bytes.ts';
import { encodeUtf8 } from '../envelope/utf8.ts';

export function signedMessage(domain: string, ...parts: readonly Uint8Array[]): Uint8Array {
  return concatBytes(encodeUtf8(domain), Uint8Array.of(0), ...parts);
}
