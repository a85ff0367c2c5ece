// The Node side of the malicious-server tests (tests/e2e/malicious-*.test.ts): what a hostile
// server could serve in place of the real answers. Certificates with a swapped key, signed by
// another root or replayed from an older version; message lists dropped, reordered or renumbered;
// attachment bytes flipped, truncated or with chunks swapped. The test plays the municipality
// administrator (it holds the demo root key) only to make genuine, root-signed certificates that
// the real server never had, so a replay of an older version can be staged without touching the
// shared demo database.
import {
  decodeCertificateBody,
  encodeCertificateBody,
  fromB64,
  generateOrgKeys,
  generateRootKey,
  signCertificate,
  toB64,
  unprotectRootKey,
  type CertificateBody,
  type OrgKeyPair,
  type RootKeyFile,
  type SignedCertificate,
  type Sodium,
} from '../../shared/crypto/index.ts';
import {
  ATTACHMENT_CHUNK_BYTES,
  SECRETSTREAM_HEADER_BYTES,
  SECRETSTREAM_OVERHEAD,
} from '../../shared/envelope/layout.ts';
import type { ThreadMessageDto } from '../../shared/protocol/pupil.ts';

export const certBody = (cert: SignedCertificate): CertificateBody =>
  decodeCertificateBody(fromB64(cert.body));

/** The demo root secret key, opened from the key file the demo set-up wrote. */
export function demoRootSecretKey(sodium: Sodium, keyFile: string, passphrase: string): Uint8Array {
  return unprotectRootKey(sodium, JSON.parse(keyFile) as RootKeyFile, passphrase).secretKey;
}

/** The certificate with other organisation keys in its body and the original signature. */
export function swapKeysKeepSignature(
  cert: SignedCertificate,
  keys: Pick<OrgKeyPair, 'boxPublicKey' | 'signPublicKey'>,
): SignedCertificate {
  const body = { ...certBody(cert), ...keys };
  return { body: toB64(encodeCertificateBody(body)), signature: cert.signature };
}

/** A well-formed certificate for the same organisation, properly signed, by a root nobody pinned. */
export function signedByAnotherRoot(
  sodium: Sodium,
  cert: SignedCertificate,
  keys: OrgKeyPair,
): SignedCertificate {
  const body = {
    ...certBody(cert),
    boxPublicKey: keys.boxPublicKey,
    signPublicKey: keys.signPublicKey,
  };
  return signCertificate(sodium, generateRootKey(sodium).secretKey, body);
}

/** A genuine root-signed certificate of another version (and, optionally, other keys). */
export function reissued(
  sodium: Sodium,
  rootSecretKey: Uint8Array,
  cert: SignedCertificate,
  change: Partial<Pick<CertificateBody, 'version' | 'boxPublicKey' | 'signPublicKey'>>,
): SignedCertificate {
  return signCertificate(sodium, rootSecretKey, { ...certBody(cert), ...change });
}

export const attackerKeys = (sodium: Sodium): OrgKeyPair => generateOrgKeys(sodium);

// Message lists as a server could rearrange them. Each keeps the messages themselves intact:
// only what a server can do without the thread key.
type Messages = ThreadMessageDto[];
const at = (m: Messages, i: number): ThreadMessageDto => {
  const found = m[i];
  if (!found) throw new Error(`the thread has no message ${i + 1}`);
  return found;
};

export const THREAD_TAMPERING: Record<string, (m: Messages) => Messages> = {
  'two messages swapped': (m) => [at(m, 1), at(m, 0), ...m.slice(2)],
  'a message in the middle dropped': (m) => [at(m, 0), ...m.slice(2)],
  'a message dropped and the rest renumbered': (m) =>
    [at(m, 0), ...m.slice(2)].map((x, i) => ({ ...x, seq: i + 1 })),
  'the first message replayed at the end': (m) => [...m, { ...at(m, 0), seq: m.length + 1 }],
  'a message body with one bit flipped': (m) => m.map((x, i) => (i === 1 ? flipBlob(x) : x)),
  'a staff signature with one bit flipped': (m) =>
    m.map((x) => (x.signature ? { ...x, signature: flipB64(x.signature) } : x)),
};

/** Drops the newest message: the one attack the chain alone cannot show [Note: tail cut]. */
export const dropNewest = (m: Messages): Messages => m.slice(0, -1);

function flipB64(b64: string, index = 30): string {
  const bytes = fromB64(b64);
  bytes[index % bytes.length] = (bytes[index % bytes.length] ?? 0) ^ 0x01;
  return toB64(bytes);
}
const flipBlob = (x: ThreadMessageDto): ThreadMessageDto => ({ ...x, blob: flipB64(x.blob) });

// Attachment streams: 0x01 || header (24) || chunks of 64 KiB + 17 [Note: attachment stream].
const PREFIX = 1 + SECRETSTREAM_HEADER_BYTES;
const CHUNK = ATTACHMENT_CHUNK_BYTES + SECRETSTREAM_OVERHEAD;

export const ATTACHMENT_TAMPERING: Record<string, (data: Uint8Array) => Uint8Array> = {
  'one byte flipped in the middle': (d) => {
    const out = d.slice();
    const i = Math.floor(d.length / 2);
    out[i] = (out[i] ?? 0) ^ 0x80;
    return out;
  },
  'the final chunk cut off': (d) => d.slice(0, PREFIX + CHUNK),
  'the last bytes cut off': (d) => d.slice(0, d.length - 100),
  'the first two chunks swapped': (d) => {
    if (d.length < PREFIX + 2 * CHUNK + SECRETSTREAM_OVERHEAD) {
      throw new Error('the attachment needs at least three chunks to swap two');
    }
    const out = d.slice();
    out.set(d.subarray(PREFIX + CHUNK, PREFIX + 2 * CHUNK), PREFIX);
    out.set(d.subarray(PREFIX, PREFIX + CHUNK), PREFIX + CHUNK);
    return out;
  },
  'bytes added after the final chunk': (d) => {
    const out = new Uint8Array(d.length + 40);
    out.set(d);
    return out;
  },
};

/** How many chunks an attachment blob has. */
export const chunkCount = (data: Uint8Array): number => Math.ceil((data.length - PREFIX) / CHUNK);

/** A photo that stays above three chunks whatever the browser does to it: pseudo-random noise. */
export function noisePixel(
  seed: number,
): (x: number, y: number) => [number, number, number, number] {
  return (x, y) => {
    const n = Math.sin(x * 12.9898 * seed + y * 78.233) * 43758.5453;
    const v = Math.floor((n - Math.floor(n)) * 0xffffff);
    return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, 255];
  };
}
