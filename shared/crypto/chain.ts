// [Note: message chain]
// Thread messages carry seq (1, 2, 3, ...) and prevHash in their associated data ([Note: item
// associated data]). prevHash of message 1 is GENESIS_HASH; of message n it is chainHash(blob of
// message n-1). Because both values are authenticated by the AEAD, a server that drops, reorders
// or replays a message makes either decryption or verifyChain fail. A server can still withhold
// the newest messages (a tail cut); clients that remember the last seq they saw detect that.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { bytesEqual } from '../envelope/bytes.ts';
import { HASH_BYTES } from '../envelope/layout.ts';
import { encodeUtf8 } from '../envelope/utf8.ts';
import { HASH_KEY } from './domains.ts';

export const GENESIS_HASH: Uint8Array = new Uint8Array(HASH_BYTES);

/** BLAKE2b-256 of the whole blob, keyed with the chain domain string. */
export function chainHash(sodium: Sodium, blob: Uint8Array): Uint8Array {
  return sodium.crypto_generichash(HASH_BYTES, blob, encodeUtf8(HASH_KEY.chain));
}

export interface ChainLink {
  seq: number;
  prevHash: Uint8Array;
  blob: Uint8Array;
}

/**
 * Checks that items, in the order given, form an unbroken chain starting at seq 1. The caller
 * must still decrypt each blob with the same seq and prevHash in its AD: that is what binds them.
 */
export function verifyChain(sodium: Sodium, items: readonly ChainLink[]): void {
  let expected = GENESIS_HASH;
  items.forEach((item, index) => {
    if (item.seq !== index + 1) {
      throw new CryptoError('decrypt_failed', `chain: expected seq ${index + 1}, got ${item.seq}`);
    }
    if (!bytesEqual(item.prevHash, expected)) {
      throw new CryptoError('decrypt_failed', `chain: prevHash mismatch at seq ${item.seq}`);
    }
    expected = chainHash(sodium, item.blob);
  });
}
