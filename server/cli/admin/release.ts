// The release commands [Note: release manifest]: a release key held offline like the root key (the
// same passphrase-protected file format), the root's endorsement of it, and the signed manifest of
// a web build. Only public data is printed.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { fingerprint, toB64, type Sodium } from '../../../shared/crypto/index.ts';
import {
  formatFileList,
  MANIFEST_PATH,
  releaseFilesMessage,
  releaseKeyMessage,
  verifyManifest,
  type ReleaseManifest,
} from '../../../shared/release/manifest.ts';
import { publicKeyFlag, required, type Flags } from './args.ts';
import { readPassphrase } from './passphrase.ts';
import { newKeyFile, readPublicKey, unlockRootKey } from './root-key-file.ts';

/** Every file under `dir` but the manifest itself: relative path (with /) -> SHA-256 hex. */
export function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const rel = relative(dir, path).split(sep).join('/');
        if (rel !== MANIFEST_PATH) {
          out.set(rel, createHash('sha256').update(readFileSync(path)).digest('hex'));
        }
      }
    }
  };
  walk(dir);
  return out;
}

/** A new release key, protected like the root key (same file format, its own passphrase). */
export async function createReleaseKey(sodium: Sodium, flags: Flags): Promise<void> {
  const { out, publicKey } = await newKeyFile(sodium, flags, 'release key');
  console.log(`Release key written to ${out} (keep it offline; the passphrase opens it).`);
  console.log(`Public key: ${publicKey}`);
  console.log(`Fingerprint: ${fingerprint(sodium, readPublicKey(out))}`);
}

/** The root key signs a release key's public key; prints the endorsement (base64url). */
export async function endorseReleaseKey(sodium: Sodium, flags: Flags): Promise<void> {
  const keyFile = required(flags, 'key');
  const releaseKey =
    flags['release-key'] !== undefined
      ? readPublicKey(required(flags, 'release-key'))
      : publicKeyFlag(flags, 'public');
  const root = unlockRootKey(sodium, keyFile, await readPassphrase({ confirm: false }));
  const endorsement = sodium.crypto_sign_detached(releaseKeyMessage(releaseKey), root.secretKey);
  root.secretKey.fill(0);
  console.error(`Release key: ${toB64(releaseKey)}`);
  console.log(toB64(endorsement));
}

/** Hashes a built web folder and writes DIR/release.json signed by the release key. */
export async function signRelease(sodium: Sodium, flags: Flags): Promise<void> {
  const keyFile = required(flags, 'key');
  const dir = required(flags, 'dir');
  const endorsement = required(flags, 'endorsement');
  const root = publicKeyFlag(flags, 'root');
  const files = formatFileList(hashTree(dir));
  const release = unlockRootKey(sodium, keyFile, await readPassphrase({ confirm: false }));
  const manifest: ReleaseManifest = {
    v: 1,
    files,
    releaseKey: toB64(release.publicKey),
    endorsement,
    signature: toB64(sodium.crypto_sign_detached(releaseFilesMessage(files), release.secretKey)),
  };
  release.secretKey.fill(0);
  // Refuse to write a manifest no client would accept (a wrong endorsement or root key).
  await verifyManifest(manifest, toB64(root));
  // Public, like the files it lists: the server serves it to every browser.
  writeFileSync(join(dir, MANIFEST_PATH), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`Signed ${files.split('\n').length - 1} files into ${join(dir, MANIFEST_PATH)}`);
}
