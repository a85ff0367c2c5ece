// Ed25519 verification with node:crypto, so the server needs no libsodium to check a member's
// signature (the recovery proof, an organisation's endorsement). Keys are stored raw (32 bytes);
// node wants them as SPKI DER, which for Ed25519 is a fixed 12-byte prefix and the raw key.
import { createPublicKey, verify } from 'node:crypto';

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function verifyEd25519(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    const key = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]),
      format: 'der',
      type: 'spki',
    });
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}
