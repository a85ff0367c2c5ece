// The municipality root key (Ed25519), kept offline by the administrator in a JSON file whose
// secret half is encrypted under Argon2id(passphrase). The public key is the file's AD, so a file
// with an edited public key does not open.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { fromB64, toB64 } from '../envelope/base64url.ts';
import { bytesEqual, concatBytes, expectLength } from '../envelope/bytes.ts';
import { SALT_BYTES, VERSION_1 } from '../envelope/layout.ts';
import { encodeUtf8 } from '../envelope/utf8.ts';
import { aeadOpen, aeadSealWithNonce, newNonce } from './aead.ts';
import { ARGON_MODERATE, argon2id, type ArgonLimits } from './argon.ts';
import { WRAP_CONTEXT } from './domains.ts';

export interface RootKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

export interface RootKeyFile {
  v: 1;
  kdf: { alg: 'argon2id13'; opslimit: number; memlimit: number };
  salt: string;
  nonce: string;
  ciphertext: string;
  publicKey: string;
}

export function generateRootKey(sodium: Sodium): RootKeyPair {
  const pair = sodium.crypto_sign_keypair();
  return { publicKey: pair.publicKey, secretKey: pair.privateKey };
}

/** Passwords and passphrases are NFC-normalised so the same text typed anywhere gives one key. */
export function passwordBytes(password: string): Uint8Array {
  if (typeof password !== 'string' || password.length === 0) {
    throw new CryptoError('malformed', 'empty password');
  }
  return encodeUtf8(password.normalize('NFC'));
}

function rootAd(publicKey: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(VERSION_1), encodeUtf8(WRAP_CONTEXT.rootKey), publicKey);
}

export function protectRootKey(
  sodium: Sodium,
  secretKey: Uint8Array,
  passphrase: string,
  limits: ArgonLimits = ARGON_MODERATE,
): RootKeyFile {
  expectLength(secretKey, 64, 'root secret key');
  const publicKey = sodium.crypto_sign_ed25519_sk_to_pk(secretKey);
  const salt = sodium.randombytes_buf(SALT_BYTES);
  const key = argon2id(sodium, passwordBytes(passphrase), salt, limits);
  const blob = aeadSealWithNonce(sodium, key, secretKey, rootAd(publicKey), newNonce(sodium));
  return {
    v: 1,
    kdf: { alg: 'argon2id13', opslimit: limits.opslimit, memlimit: limits.memlimit },
    salt: toB64(salt),
    nonce: toB64(blob.subarray(1, 25)),
    ciphertext: toB64(blob.subarray(25)),
    publicKey: toB64(publicKey),
  };
}

export function unprotectRootKey(
  sodium: Sodium,
  file: RootKeyFile,
  passphrase: string,
): RootKeyPair {
  const raw = file as Partial<Record<keyof RootKeyFile, unknown>> | null;
  if (typeof raw !== 'object' || raw === null) throw new CryptoError('malformed', 'not an object');
  if (raw.v !== 1) throw new CryptoError('unsupported_version', 'root key file version');
  const kdf = raw.kdf as Partial<RootKeyFile['kdf']> | undefined;
  if (
    kdf?.alg !== 'argon2id13' ||
    typeof kdf.opslimit !== 'number' ||
    typeof kdf.memlimit !== 'number'
  ) {
    throw new CryptoError('malformed', 'root key file kdf');
  }
  const field = (value: unknown): Uint8Array => {
    if (typeof value !== 'string') throw new CryptoError('malformed', 'root key file field');
    return fromB64(value);
  };
  const publicKey = field(raw.publicKey);
  const nonce = field(raw.nonce);
  expectLength(publicKey, 32, 'root public key');
  expectLength(nonce, 24, 'nonce');
  const limits = { opslimit: kdf.opslimit, memlimit: kdf.memlimit };
  const key = argon2id(sodium, passwordBytes(passphrase), field(raw.salt), limits);
  const blob = concatBytes(Uint8Array.of(VERSION_1), nonce, field(raw.ciphertext));
  const secretKey = aeadOpen(sodium, key, blob, rootAd(publicKey));
  if (secretKey.length !== 64 || !bytesEqual(secretKey.subarray(32), publicKey)) {
    throw new CryptoError('malformed', 'root key file does not hold its public key');
  }
  return { publicKey, secretKey };
}
