// Staff invitations: the link's URL fragment carries a 32-byte one-time secret the server never
// sees. The new member's client MACs its public keys with it (crypto_auth, HMAC-SHA-512-256) and
// the inviting member checks the MAC before sealing the organisation key to those keys, so the
// server cannot substitute its own keys during onboarding.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { expectLength } from '../envelope/bytes.ts';
import { SIGN_DOMAIN } from './domains.ts';
import { signedMessage } from './signed-message.ts';

function inviteMessage(boxPublicKey: Uint8Array, signPublicKey: Uint8Array): Uint8Array {
  expectLength(boxPublicKey, 32, 'box public key');
  expectLength(signPublicKey, 32, 'sign public key');
  return signedMessage(SIGN_DOMAIN.invite, boxPublicKey, signPublicKey);
}

export function inviteMac(
  sodium: Sodium,
  inviteSecret: Uint8Array,
  boxPublicKey: Uint8Array,
  signPublicKey: Uint8Array,
): Uint8Array {
  expectLength(inviteSecret, 32, 'invite secret');
  return sodium.crypto_auth(inviteMessage(boxPublicKey, signPublicKey), inviteSecret);
}

export function verifyInviteMac(
  sodium: Sodium,
  inviteSecret: Uint8Array,
  boxPublicKey: Uint8Array,
  signPublicKey: Uint8Array,
  mac: Uint8Array,
): void {
  expectLength(inviteSecret, 32, 'invite secret');
  const message = inviteMessage(boxPublicKey, signPublicKey);
  let ok = false;
  try {
    ok =
      mac instanceof Uint8Array &&
      mac.length === 32 &&
      sodium.crypto_auth_verify(mac, message, inviteSecret);
  } catch {
    ok = false;
  }
  if (!ok) throw new CryptoError('bad_signature', 'invite MAC mismatch');
}
