// [Note: attachment stream]
// An attachment is 0x01 || secretstream header (24) || chunk 1 || ... || chunk n, with
// crypto_secretstream_xchacha20poly1305 under a random per-file key (itself wrapped under
// K_thread with context `file-key:<attachmentId>`). Every chunk holds exactly 64 KiB of plaintext
// except the last, which holds 0..64 KiB and carries TAG_FINAL; all others carry TAG_MESSAGE.
// n = max(1, ceil(size / 64 KiB)); each chunk is 17 bytes longer than its plaintext. No chunk AD.
// The secretstream counter makes reordered or dropped chunks fail ('decrypt_failed'); a stream
// without TAG_FINAL, or with bytes after it, is 'truncated'. Name, type and size travel as a
// separate 'attachment-meta' item. Both sides take bytes in pieces of any size, so a browser can
// stream a File or a fetch body through them without holding the whole ciphertext.
// Padding: the writer encrypts the file followed by zero bytes up to padmeLength(size) ([Note:
// padding buckets]), so a stored stream tells only the file's size class; the reader keeps the
// first `size` bytes (size from the encrypted metadata) and checks that the rest is zeros. A stream
// of exactly `size` bytes (written before padding) is read as well.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { concatBytes, expectLength } from '../envelope/bytes.ts';
import { padmeLength } from '../envelope/padme.ts';
import {
  ATTACHMENT_CHUNK_BYTES,
  KEY_BYTES,
  SECRETSTREAM_HEADER_BYTES,
  SECRETSTREAM_OVERHEAD,
  VERSION_1,
} from '../envelope/layout.ts';

const CIPHER_CHUNK_BYTES = ATTACHMENT_CHUNK_BYTES + SECRETSTREAM_OVERHEAD;
const PREFIX_BYTES = 1 + SECRETSTREAM_HEADER_BYTES;

export interface AttachmentEncryptor {
  /** The first 25 bytes of the blob: version byte and secretstream header. */
  readonly prefix: Uint8Array;
  /** Takes plaintext in pieces of any size; returns the ciphertext chunks completed so far. */
  write(bytes: Uint8Array): Uint8Array;
  /** Encrypts what is left as the TAG_FINAL chunk. */
  end(): Uint8Array;
}

export interface AttachmentDecryptor {
  /** Takes the blob in pieces of any size (prefix included); returns plaintext so far. */
  write(bytes: Uint8Array): Uint8Array;
  /** Decrypts what is left; throws 'truncated' unless the stream ended with TAG_FINAL. */
  end(): Uint8Array;
}

export function createAttachmentEncryptor(
  sodium: Sodium,
  fileKey: Uint8Array,
): AttachmentEncryptor {
  expectLength(fileKey, KEY_BYTES, 'file key');
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(fileKey);
  let pending = new Uint8Array(0);
  let done = false;
  const push = (chunk: Uint8Array, tag: number): Uint8Array =>
    sodium.crypto_secretstream_xchacha20poly1305_push(state, chunk, null, tag);
  return {
    prefix: concatBytes(Uint8Array.of(VERSION_1), header),
    write(bytes) {
      if (done) throw new CryptoError('malformed', 'attachment stream already ended');
      const data = pending.length === 0 ? bytes : concatBytes(pending, bytes);
      const out: Uint8Array[] = [];
      let offset = 0;
      // Strictly more than one chunk: the last full chunk may turn out to be the final one.
      while (data.length - offset > ATTACHMENT_CHUNK_BYTES) {
        const chunk = data.subarray(offset, offset + ATTACHMENT_CHUNK_BYTES);
        out.push(push(chunk, sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE));
        offset += ATTACHMENT_CHUNK_BYTES;
      }
      pending = data.slice(offset);
      return concatBytes(...out);
    },
    end() {
      if (done) throw new CryptoError('malformed', 'attachment stream already ended');
      done = true;
      const last = push(pending, sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL);
      pending = new Uint8Array(0);
      return last;
    },
  };
}

export function createAttachmentDecryptor(
  sodium: Sodium,
  fileKey: Uint8Array,
): AttachmentDecryptor {
  expectLength(fileKey, KEY_BYTES, 'file key');
  let state: ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_pull']> | undefined;
  let pending = new Uint8Array(0);
  let final = false;
  let ended = false;

  const pull = (chunk: Uint8Array): Uint8Array => {
    if (state === undefined) throw new CryptoError('truncated', 'no stream header');
    if (final) throw new CryptoError('truncated', 'data after the final chunk');
    if (chunk.length < SECRETSTREAM_OVERHEAD) throw new CryptoError('truncated', 'short chunk');
    let result: { message: Uint8Array; tag: number } | false;
    try {
      result = sodium.crypto_secretstream_xchacha20poly1305_pull(state, chunk, null);
    } catch {
      result = false;
    }
    if (result === false) throw new CryptoError('decrypt_failed', 'attachment chunk');
    if (result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) final = true;
    else if (result.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
      throw new CryptoError('malformed', `unexpected chunk tag ${result.tag}`);
    }
    return result.message;
  };

  const consume = (data: Uint8Array): Uint8Array => {
    let offset = 0;
    if (state === undefined) {
      if (data.length >= 1 && data[0] !== VERSION_1) {
        throw new CryptoError('unsupported_version', `version ${data[0]}`);
      }
      if (data.length < PREFIX_BYTES) {
        pending = data.slice();
        return new Uint8Array(0);
      }
      try {
        state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(
          data.slice(1, PREFIX_BYTES),
          fileKey,
        );
      } catch {
        throw new CryptoError('decrypt_failed', 'attachment header');
      }
      offset = PREFIX_BYTES;
    }
    const out: Uint8Array[] = [];
    if (final && data.length > offset) throw new CryptoError('truncated', 'data after final');
    while (data.length - offset >= CIPHER_CHUNK_BYTES) {
      out.push(pull(data.subarray(offset, offset + CIPHER_CHUNK_BYTES)));
      offset += CIPHER_CHUNK_BYTES;
    }
    pending = data.slice(offset);
    return concatBytes(...out);
  };

  return {
    write(bytes) {
      if (ended) throw new CryptoError('malformed', 'attachment stream already ended');
      return consume(pending.length === 0 ? bytes : concatBytes(pending, bytes));
    },
    end() {
      if (ended) throw new CryptoError('malformed', 'attachment stream already ended');
      ended = true;
      if (state === undefined) throw new CryptoError('truncated', 'no stream header');
      const last = pending.length > 0 ? pull(pending) : new Uint8Array(0);
      pending = new Uint8Array(0);
      if (!final) throw new CryptoError('truncated', 'no final chunk');
      return last;
    },
  };
}

export function encryptAttachment(
  sodium: Sodium,
  fileKey: Uint8Array,
  bytes: Uint8Array,
): Uint8Array {
  const encryptor = createAttachmentEncryptor(sodium, fileKey);
  return concatBytes(encryptor.prefix, encryptor.write(bytes), encryptor.end());
}

export function decryptAttachment(
  sodium: Sodium,
  fileKey: Uint8Array,
  blob: Uint8Array,
): Uint8Array {
  const decryptor = createAttachmentDecryptor(sodium, fileKey);
  return concatBytes(decryptor.write(blob), decryptor.end());
}

/** The file followed by zeros up to its Padme bucket. */
export function padAttachment(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(padmeLength(bytes.length));
  out.set(bytes);
  return out;
}

/** The file of `size` bytes from a decrypted, padded (or unpadded) stream. */
export function unpadAttachment(plain: Uint8Array, size: number): Uint8Array {
  if (plain.length !== size && plain.length !== padmeLength(size)) {
    throw new CryptoError('malformed', 'attachment size differs from its metadata');
  }
  if (plain.subarray(size).some((b) => b !== 0)) {
    throw new CryptoError('malformed', 'attachment padding is not zeros');
  }
  return plain.subarray(0, size);
}
