// Symmetric wrapping of a key (or a small secret) under another key: an AEAD blob ([Note: AEAD
// blob]) whose associated data is 0x01 || UTF-8(context). The context says what is wrapped and
// for which object, e.g. `thread-key:<reportId>` or `file-key:<attachmentId>`, so a wrapped key
// cannot be replayed into another slot. See docs/protocol.md, "Key hierarchy", for the contexts.
import type { Sodium } from './sodium.ts';
import { aeadOpen, aeadSealWithNonce, newNonce } from './aead.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { concatBytes, expectLength } from '../envelope/bytes.ts';
import { KEY_BYTES, VERSION_1 } from '../envelope/layout.ts';
import { encodeUtf8 } from '../envelope/utf8.ts';

function contextAd(context: string): Uint8Array {
  if (typeof context !== 'string' || context.length === 0) {
    throw new CryptoError('malformed', 'wrap context must be a non-empty string');
  }
  return concatBytes(Uint8Array.of(VERSION_1), encodeUtf8(context));
}

/** Internal: fixed nonce for vectors. */
export function wrapBytesWithNonce(
  sodium: Sodium,
  secret: Uint8Array,
  wrappingKey: Uint8Array,
  context: string,
  nonce: Uint8Array,
): Uint8Array {
  return aeadSealWithNonce(sodium, wrappingKey, secret, contextAd(context), nonce);
}

export function wrapBytes(
  sodium: Sodium,
  secret: Uint8Array,
  wrappingKey: Uint8Array,
  context: string,
): Uint8Array {
  return wrapBytesWithNonce(sodium, secret, wrappingKey, context, newNonce(sodium));
}

export function unwrapBytes(
  sodium: Sodium,
  blob: Uint8Array,
  wrappingKey: Uint8Array,
  context: string,
): Uint8Array {
  return aeadOpen(sodium, wrappingKey, blob, contextAd(context));
}

export function wrapKeyWithNonce(
  sodium: Sodium,
  key: Uint8Array,
  wrappingKey: Uint8Array,
  context: string,
  nonce: Uint8Array,
): Uint8Array {
  expectLength(key, KEY_BYTES, 'wrapped key');
  return wrapBytesWithNonce(sodium, key, wrappingKey, context, nonce);
}

export function wrapKey(
  sodium: Sodium,
  key: Uint8Array,
  wrappingKey: Uint8Array,
  context: string,
): Uint8Array {
  return wrapKeyWithNonce(sodium, key, wrappingKey, context, newNonce(sodium));
}

export function unwrapKey(
  sodium: Sodium,
  blob: Uint8Array,
  wrappingKey: Uint8Array,
  context: string,
): Uint8Array {
  const key = unwrapBytes(sodium, blob, wrappingKey, context);
  if (key.length !== KEY_BYTES) throw new CryptoError('malformed', 'wrapped key length');
  return key;
}
