// Version bytes and fixed field lengths of every v1 blob; docs/protocol.md has the tables.
// [Note: version bytes] Every blob starts with one version byte. A reader that sees any other
// value throws CryptoError('unsupported_version') instead of guessing; a future format gets a new
// byte and keeps its own decoder.

export const VERSION_1 = 0x01;

export const KEY_BYTES = 32;
export const NONCE_BYTES = 24; // XChaCha20-Poly1305
export const AEAD_TAG_BYTES = 16;
export const SEAL_OVERHEAD = 48; // crypto_box_seal: ephemeral public key 32 + MAC 16
export const SIGNATURE_BYTES = 64;
export const HASH_BYTES = 32;
export const SALT_BYTES = 16;

/** Header of every AEAD blob: version byte then nonce. */
export const AEAD_HEADER_BYTES = 1 + NONCE_BYTES;

/** 64 KiB of plaintext per secretstream message ([Note: attachment stream]). */
export const ATTACHMENT_CHUNK_BYTES = 64 * 1024;
export const SECRETSTREAM_HEADER_BYTES = 24;
export const SECRETSTREAM_OVERHEAD = 17; // 1 encrypted tag byte + 16-byte MAC
