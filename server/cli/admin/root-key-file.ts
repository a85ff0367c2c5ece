// The passphrase-protected root key file (docs/protocol.md §11): create, read its public key,
// unlock. The secret key exists only in this process's memory and is never printed.
import { existsSync, readFileSync } from 'node:fs';
import {
  CryptoError,
  fromB64,
  generateRootKey,
  protectRootKey,
  toB64,
  unprotectRootKey,
  type RootKeyFile,
  type RootKeyPair,
  type Sodium,
} from '../../../shared/crypto/index.ts';
import { required, type Flags } from './args.ts';
import { readPassphrase } from './passphrase.ts';
import { writePrivateFile } from '../../private-files.ts';

/** Long enough that guessing it offline against MODERATE Argon2id is hopeless. */
export const MIN_PASSPHRASE_CHARS = 12;

function readKeyFile(path: string): RootKeyFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`cannot read the root key file ${path}`);
  }
  try {
    return JSON.parse(text) as RootKeyFile;
  } catch {
    throw new Error(`${path} is not a root key file (not JSON)`);
  }
}

/** The public key a file claims; it is authenticated only when the file is unlocked. */
export function readPublicKey(path: string): Uint8Array {
  const file = readKeyFile(path);
  try {
    const key = fromB64(String(file.publicKey));
    if (key.length === 32) return key;
  } catch {
    // reported below
  }
  throw new Error(`${path} is not a root key file (no public key)`);
}

export function unlockRootKey(sodium: Sodium, path: string, passphrase: string): RootKeyPair {
  const file = readKeyFile(path);
  try {
    return unprotectRootKey(sodium, file, passphrase);
  } catch (error) {
    if (error instanceof CryptoError && error.code === 'decrypt_failed') {
      throw new Error('wrong passphrase for the root key file (or the file was altered)');
    }
    throw new Error(`${path} is not a valid root key file`);
  }
}

/**
 * The same root key under a new passphrase, written to a new file (owner-only, never over an
 * existing one): the old file stays until the administrator has checked the new one and destroys
 * it. Answers the public key, which must not change.
 */
export function reprotectRootKeyFile(
  sodium: Sodium,
  from: string,
  to: string,
  oldPassphrase: string,
  newPassphrase: string,
): string {
  if ([...newPassphrase].length < MIN_PASSPHRASE_CHARS) {
    throw new Error(`the passphrase must have at least ${MIN_PASSPHRASE_CHARS} characters`);
  }
  const root = unlockRootKey(sodium, from, oldPassphrase);
  const file = protectRootKey(sodium, root.secretKey, newPassphrase);
  root.secretKey.fill(0);
  try {
    writePrivateFile(to, `${JSON.stringify(file, null, 2)}\n`, 'wx');
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') {
      throw new Error(`${to} exists already: a root key is never overwritten`);
    }
    throw new Error(`cannot write ${to}`);
  }
  return toB64(root.publicKey);
}

/** Writes a new protected root key, owner-only, refusing to replace an existing file. */
export function createRootKeyFile(sodium: Sodium, path: string, passphrase: string): string {
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
    throw new Error(`the passphrase must have at least ${MIN_PASSPHRASE_CHARS} characters`);
  }
  const root = generateRootKey(sodium);
  const file = protectRootKey(sodium, root.secretKey, passphrase);
  root.secretKey.fill(0);
  try {
    writePrivateFile(path, `${JSON.stringify(file, null, 2)}\n`, 'wx');
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') {
      throw new Error(`${path} exists already: a root key is never overwritten`);
    }
    throw new Error(`cannot write ${path}`);
  }
  return toB64(root.publicKey);
}

/** A new protected key file at `--out` (the root key, or a release key in the same format): never
 * over an existing file, checked before the new passphrase is asked for (twice), not after. */
export async function newKeyFile(
  sodium: Sodium,
  flags: Flags,
  what: string,
): Promise<{ out: string; publicKey: string }> {
  const out = required(flags, 'out');
  if (existsSync(out)) throw new Error(`${out} exists already: a ${what} is never overwritten`);
  const passphrase = await readPassphrase({ confirm: true });
  return { out, publicKey: createRootKeyFile(sodium, out, passphrase) };
}
