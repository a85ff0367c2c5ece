// Staff signatures on items: Ed25519 (crypto_sign_detached) by the author's personal signing key
// over SIGN_DOMAIN.item || 0x00 || encodeAd(ad) (71 bytes) || blob. The signature travels beside
// the blob; it proves which staff member wrote it, which the shared thread key alone cannot.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { expectLength } from '../envelope/bytes.ts';
import { encodeAd, type ItemAd } from '../envelope/item-ad.ts';
import { SIGNATURE_BYTES } from '../envelope/layout.ts';
import { SIGN_DOMAIN } from './domains.ts';
import { signedMessage } from './signed-message.ts';

export function signItem(
  sodium: Sodium,
  signSecretKey: Uint8Array,
  blob: Uint8Array,
  ad: ItemAd,
): Uint8Array {
  expectLength(signSecretKey, 64, 'sign secret key');
  return sodium.crypto_sign_detached(
    signedMessage(SIGN_DOMAIN.item, encodeAd(ad), blob),
    signSecretKey,
  );
}

export function verifyItem(
  sodium: Sodium,
  signPublicKey: Uint8Array,
  signature: Uint8Array,
  blob: Uint8Array,
  ad: ItemAd,
): void {
  expectLength(signPublicKey, 32, 'sign public key');
  const message = signedMessage(SIGN_DOMAIN.item, encodeAd(ad), blob);
  let ok = false;
  try {
    ok =
      signature instanceof Uint8Array &&
      signature.length === SIGNATURE_BYTES &&
      sodium.crypto_sign_verify_detached(signature, message, signPublicKey);
  } catch {
    ok = false;
  }
  if (!ok) throw new CryptoError('bad_signature');
}
