import { describe, expect, it } from 'vitest';
import {
  concatBytes,
  createAttachmentDecryptor,
  createAttachmentEncryptor,
  decryptAttachment,
  encryptAttachment,
  newKey,
  padAttachment,
  unpadAttachment,
} from '../../shared/crypto/index.ts';
import { padmeLength } from '../../shared/envelope/padme.ts';
import { expectCode, flipByte, pattern, sodium } from './helpers.ts';

const CHUNK = 65536;
const CT_CHUNK = CHUNK + 17;
const key = newKey(sodium);

/** Splits a blob into its prefix and ciphertext chunks, per the documented layout. */
function split(blob: Uint8Array): { prefix: Uint8Array; chunks: Uint8Array[] } {
  const chunks: Uint8Array[] = [];
  for (let o = 25; o < blob.length; o += CT_CHUNK) chunks.push(blob.slice(o, o + CT_CHUNK));
  return { prefix: blob.slice(0, 25), chunks };
}

describe('attachments', () => {
  it(
    'round-trips sizes around chunk boundaries with the documented length',
    { timeout: 30_000 },
    () => {
      for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 150 * 1024]) {
        const data = pattern(size);
        const blob = encryptAttachment(sodium, key, data);
        const chunks = Math.max(1, Math.ceil(size / CHUNK));
        expect(blob.length).toBe(25 + size + 17 * chunks);
        expect(blob[0]).toBe(1);
        expect(decryptAttachment(sodium, key, blob)).toEqual(data);
      }
    },
  );

  it('streams in pieces of any size on both sides', () => {
    const data = pattern(200_000, 3);
    const enc = createAttachmentEncryptor(sodium, key);
    const parts = [enc.prefix];
    for (let o = 0; o < data.length; o += 7_777) parts.push(enc.write(data.subarray(o, o + 7_777)));
    parts.push(enc.end());
    const blob = concatBytes(...parts);
    const dec = createAttachmentDecryptor(sodium, key);
    const out: Uint8Array[] = [];
    for (let o = 0; o < blob.length; o += 10_001) out.push(dec.write(blob.subarray(o, o + 10_001)));
    out.push(dec.end());
    expect(concatBytes(...out)).toEqual(data);
    expectCode(() => enc.write(new Uint8Array(1)), 'malformed');
  });

  it('refuses reordered, dropped and tampered chunks', () => {
    const blob = encryptAttachment(sodium, key, pattern(3 * CHUNK + 100));
    const { prefix, chunks } = split(blob);
    const [c1, c2, c3, c4] = chunks as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    expectCode(
      () => decryptAttachment(sodium, key, concatBytes(prefix, c2, c1, c3, c4)),
      'decrypt_failed',
    );
    expectCode(
      () => decryptAttachment(sodium, key, concatBytes(prefix, c1, c3, c4)),
      'decrypt_failed',
    );
    expectCode(
      () => decryptAttachment(sodium, key, flipByte(blob, 25 + CT_CHUNK + 500)),
      'decrypt_failed',
    );
    expectCode(() => decryptAttachment(sodium, key, flipByte(blob, 5)), 'decrypt_failed');
    expectCode(() => decryptAttachment(sodium, newKey(sodium), blob), 'decrypt_failed');
  });

  it('reports a stream without its final chunk, or with data after it, as truncated', () => {
    const blob = encryptAttachment(sodium, key, pattern(2 * CHUNK + 10));
    const { prefix, chunks } = split(blob);
    const [c1, c2, c3] = chunks as [Uint8Array, Uint8Array, Uint8Array];
    expectCode(() => decryptAttachment(sodium, key, concatBytes(prefix, c1, c2)), 'truncated');
    expectCode(() => decryptAttachment(sodium, key, concatBytes(prefix, c1)), 'truncated');
    expectCode(() => decryptAttachment(sodium, key, prefix), 'truncated');
    expectCode(() => decryptAttachment(sodium, key, prefix.slice(0, 10)), 'truncated');
    // Bytes glued to a short final chunk make it a different (unauthentic) chunk.
    expectCode(() => decryptAttachment(sodium, key, concatBytes(blob, c3)), 'decrypt_failed');
    // A cut inside the last chunk cannot be told from tampering: its MAC fails.
    expectCode(
      () => decryptAttachment(sodium, key, blob.slice(0, blob.length - 1)),
      'decrypt_failed',
    );
    // A file of exactly one full chunk: the full chunk is the final one.
    const full = encryptAttachment(sodium, key, pattern(CHUNK));
    expectCode(
      () => decryptAttachment(sodium, key, concatBytes(full, full.slice(25))),
      'truncated',
    );
    expectCode(
      () => decryptAttachment(sodium, key, concatBytes(full, new Uint8Array(20))),
      'truncated',
    );
    const dec = createAttachmentDecryptor(sodium, key);
    expect(dec.write(full)).toEqual(pattern(CHUNK));
    expectCode(() => dec.write(new Uint8Array(1)), 'truncated');
  });

  it('refuses unknown versions', () => {
    const blob = encryptAttachment(sodium, key, pattern(10));
    expectCode(() => decryptAttachment(sodium, key, flipByte(blob, 0)), 'unsupported_version');
  });
});

describe('attachment padding', () => {
  it('pads to the Padme bucket and reads back exactly the file', () => {
    for (const size of [0, 1, 300, 70_000]) {
      const data = new Uint8Array(size).fill(9);
      const padded = padAttachment(data);
      expect(padded.length).toBe(padmeLength(size));
      expect(unpadAttachment(padded, size)).toEqual(data);
      // A stream written before padding is read too.
      expect(unpadAttachment(data, size)).toEqual(data);
    }
    // Two sizes of one bucket give streams of one length.
    const key = newKey(sodium);
    const a = encryptAttachment(sodium, key, padAttachment(new Uint8Array(70_000)));
    const b = encryptAttachment(sodium, key, padAttachment(new Uint8Array(70_100)));
    expect(a.length).toBe(b.length);
  });

  it('refuses a length that is neither the size nor its bucket, and padding that is not zeros', () => {
    const padded = padAttachment(new Uint8Array(300).fill(1));
    expectCode(() => unpadAttachment(padded.subarray(0, 303), 300), 'malformed');
    const dirty = padded.slice();
    dirty[dirty.length - 1] = 1;
    expectCode(() => unpadAttachment(dirty, 300), 'malformed');
  });
});
