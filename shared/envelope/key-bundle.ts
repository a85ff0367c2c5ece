// A key pair bundle (an organisation key or a staff member's personal key): one X25519 box pair
// and one Ed25519 signing pair, serialised for sealing or wrapping. 161 bytes:
//   0  version        1   0x01
//   1  boxPublicKey   32
//  33  boxSecretKey   32
//  65  signPublicKey  32
//  97  signSecretKey  64  (libsodium form: seed || public key)
import { VERSION_1 } from './layout.ts';
import { concatBytes, expectLength } from './bytes.ts';
import { CryptoError } from './crypto-error.ts';

export interface KeyBundle {
  boxPublicKey: Uint8Array;
  boxSecretKey: Uint8Array;
  signPublicKey: Uint8Array;
  signSecretKey: Uint8Array;
}

export const KEY_BUNDLE_BYTES = 161;

export function encodeKeyBundle(keys: KeyBundle): Uint8Array {
  expectLength(keys.boxPublicKey, 32, 'boxPublicKey');
  expectLength(keys.boxSecretKey, 32, 'boxSecretKey');
  expectLength(keys.signPublicKey, 32, 'signPublicKey');
  expectLength(keys.signSecretKey, 64, 'signSecretKey');
  return concatBytes(
    Uint8Array.of(VERSION_1),
    keys.boxPublicKey,
    keys.boxSecretKey,
    keys.signPublicKey,
    keys.signSecretKey,
  );
}

export function decodeKeyBundle(bytes: Uint8Array): KeyBundle {
  if (bytes.length === 0) throw new CryptoError('truncated', 'empty key bundle');
  if (bytes[0] !== VERSION_1) throw new CryptoError('unsupported_version', 'key bundle version');
  if (bytes.length !== KEY_BUNDLE_BYTES) throw new CryptoError('malformed', 'key bundle length');
  return {
    boxPublicKey: bytes.slice(1, 33),
    boxSecretKey: bytes.slice(33, 65),
    signPublicKey: bytes.slice(65, 97),
    signSecretKey: bytes.slice(97, 161),
  };
}
