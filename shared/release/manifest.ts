// [Note: release manifest] What a release promises: the SHA-256 of every file the server serves to
// browsers, signed offline by a release key that the municipality root key endorses. The file list
// is the text `sha256sum` prints ("<64 hex>  <path>\n", sorted by path, paths relative to the
// web build's folder), so anyone can check a copy of the files with standard tools. Verification
// uses WebCrypto only (SHA-256, Ed25519), so the same code runs in the verify command (Node), the
// pupil app's service worker and the staff app's footer; signing (offline, with libsodium) is in
// server/cli/admin/release.ts.
//
// Signed bytes ([Note: domain separation]):
//   endorsement = Ed25519_root( "bezpieczny-glos/v1/release-key" || 0x00 || releasePublicKey )
//   signature   = Ed25519_release( "bezpieczny-glos/v1/release-manifest" || 0x00 || UTF-8(files) )
import { fromB64 } from '../envelope/base64url.ts';
import { encodeUtf8 } from '../envelope/utf8.ts';
import { SIGN_DOMAIN } from '../crypto/domains.ts';
import { signedMessage } from '../crypto/signed-message.ts';

/** Served at /release.json beside the files it lists (never listed itself). */
export const MANIFEST_PATH = 'release.json';

export interface ReleaseManifest {
  v: 1;
  /** "<sha256 hex>  <path>\n" per file, sorted by path. */
  files: string;
  /** The release key's Ed25519 public key, base64url. */
  releaseKey: string;
  /** The root key's signature over the release key, base64url. */
  endorsement: string;
  /** The release key's signature over `files`, base64url. */
  signature: string;
}

/** A compressed copy the build keeps beside a listed file ([Note: precompressed assets]): listed
 * too, but a browser gets it only decoded, as the file it copies. */
export const isCompressedCopy = (path: string): boolean => /\.(br|gz)$/.test(path);

export const releaseKeyMessage = (releaseKey: Uint8Array) =>
  signedMessage(SIGN_DOMAIN.releaseKey, releaseKey);

export const releaseFilesMessage = (files: string) =>
  signedMessage(SIGN_DOMAIN.releaseManifest, encodeUtf8(files));

/** The list as `sha256sum` prints it: two spaces, sorted by path (code-point order). */
export function formatFileList(hashes: ReadonlyMap<string, string>): string {
  return [...hashes.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((path) => `${hashes.get(path) ?? ''}  ${path}\n`)
    .join('');
}

/** path -> hex; throws on a line that is not "<64 hex>  <relative path>". */
export function parseFileList(files: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of files.split('\n')) {
    if (line === '') continue;
    const m = /^([0-9a-f]{64}) {2}([^\s/][^\s]*)$/.exec(line);
    if (!m?.[1] || !m[2] || m[2].split('/').includes('..')) {
      throw new Error(`not a release file line: ${line.slice(0, 80)}`);
    }
    out.set(m[2], m[1]);
  }
  return out;
}

export function isManifest(value: unknown): value is ReleaseManifest {
  const m = value as Partial<Record<keyof ReleaseManifest, unknown>> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.v === 1 &&
    typeof m.files === 'string' &&
    typeof m.releaseKey === 'string' &&
    typeof m.endorsement === 'string' &&
    typeof m.signature === 'string'
  );
}

/** The part of WebCrypto used here (shared/ is typed without DOM or Node). */
interface Subtle {
  digest(algorithm: 'SHA-256', data: Uint8Array | ArrayBuffer): Promise<ArrayBuffer>;
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: { name: 'Ed25519' },
    extractable: false,
    usages: ['verify'],
  ): Promise<unknown>;
  verify(
    algorithm: { name: 'Ed25519' },
    key: unknown,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>;
}

const subtle = () => (globalThis as unknown as { crypto: { subtle: Subtle } }).crypto.subtle;

export async function sha256Hex(bytes: Uint8Array | ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function ed25519Verify(
  publicKey: Uint8Array,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  const key = await subtle().importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  return subtle().verify({ name: 'Ed25519' }, key, signature, message);
}

/**
 * Checks the manifest's two signatures against the root public key (base64url) and returns its
 * file list; throws with a one-line reason otherwise.
 */
export async function verifyManifest(
  manifest: unknown,
  rootPublicKey: string,
): Promise<Map<string, string>> {
  if (!isManifest(manifest)) throw new Error('release.json is not a release manifest');
  let endorsed: boolean;
  let signed: boolean;
  try {
    const releaseKey = fromB64(manifest.releaseKey);
    endorsed = await ed25519Verify(
      fromB64(rootPublicKey),
      fromB64(manifest.endorsement),
      releaseKeyMessage(releaseKey),
    );
    signed = await ed25519Verify(
      releaseKey,
      fromB64(manifest.signature),
      releaseFilesMessage(manifest.files),
    );
  } catch {
    throw new Error('release.json holds a malformed key or signature');
  }
  if (!endorsed) throw new Error('the release key is not endorsed by the root key');
  if (!signed) throw new Error('the file list is not signed by the release key');
  return parseFileList(manifest.files);
}

/** A short, comparable name of a release: the first 16 hex digits of SHA-256(files). */
export async function releaseId(manifest: ReleaseManifest): Promise<string> {
  return (await sha256Hex(encodeUtf8(manifest.files))).slice(0, 16);
}
