// [Note: school recovery key] A printed key per organisation, kept by the school's director (or
// the CdR's head), that restores access to the organisation keys when every member lost their
// password and recovery key. It is 32 random bytes shown like a staff recovery key (Crockford
// base32, 13 groups of 4). Two subkeys come from it with crypto_kdf:
//   authKey  = KDF(R, 'srcv_aut', 1): proves the holder to the server, which keeps SHA-256 of it;
//   boxSeed  = KDF(R, 'srcv_box', 2): crypto_box_seed_keypair(boxSeed) is an X25519 pair to which
//              a member's browser seals every organisation key version (sealOrgKeys).
// The organisation endorses the recovery box public key with its sign key:
//   Ed25519(SIGN('bezpieczny-glos/v1/school-recovery', org id (16 bytes), box pk)),
// so a member's browser that seals a new key version to it (after a rotation) first checks that
// the key is the organisation's own and not one the server slipped in. The server never sees R.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { fromBase32 } from '../envelope/base32.ts';
import { expectLength, uuidToBytes } from '../envelope/bytes.ts';
import { subkey } from './argon.ts';
import { KDF, SIGN_DOMAIN } from './domains.ts';
import { signedByOneOf } from './endorsement.ts';
import { signedMessage } from './signed-message.ts';
import { formatRecoveryKey } from './staff-keys.ts';

const SCHOOL_RECOVERY_BYTES = 32;

export interface SchoolRecoveryKeys {
  authKey: Uint8Array;
  boxPublicKey: Uint8Array;
  boxSecretKey: Uint8Array;
}

export function deriveSchoolRecoveryKeys(sodium: Sodium, recoveryKey: string): SchoolRecoveryKeys {
  if (typeof recoveryKey !== 'string') throw new CryptoError('malformed', 'recovery key');
  const raw = fromBase32(recoveryKey, SCHOOL_RECOVERY_BYTES);
  const pair = sodium.crypto_box_seed_keypair(subkey(sodium, raw, KDF.schoolRecoveryBox));
  return {
    authKey: subkey(sodium, raw, KDF.schoolRecoveryAuth),
    boxPublicKey: pair.publicKey,
    boxSecretKey: pair.privateKey,
  };
}

export function generateSchoolRecoveryKey(
  sodium: Sodium,
): SchoolRecoveryKeys & { recoveryKey: string } {
  const recoveryKey = formatRecoveryKey(sodium.randombytes_buf(SCHOOL_RECOVERY_BYTES));
  return { recoveryKey, ...deriveSchoolRecoveryKeys(sodium, recoveryKey) };
}

function recoveryMessage(orgId: string, boxPublicKey: Uint8Array): Uint8Array {
  expectLength(boxPublicKey, 32, 'recovery box public key');
  return signedMessage(SIGN_DOMAIN.schoolRecovery, uuidToBytes(orgId), boxPublicKey);
}

export function endorseRecoveryKey(
  sodium: Sodium,
  orgSignSecretKey: Uint8Array,
  orgId: string,
  boxPublicKey: Uint8Array,
): Uint8Array {
  expectLength(orgSignSecretKey, 64, 'organisation sign secret key');
  return sodium.crypto_sign_detached(recoveryMessage(orgId, boxPublicKey), orgSignSecretKey);
}

/** Throws 'bad_signature' unless one of the organisation's sign keys endorsed this recovery key. */
export function verifyRecoveryEndorsement(
  sodium: Sodium,
  orgSignPublicKeys: readonly Uint8Array[],
  orgId: string,
  boxPublicKey: Uint8Array,
  endorsement: Uint8Array,
): void {
  if (
    !signedByOneOf(sodium, orgSignPublicKeys, recoveryMessage(orgId, boxPublicKey), endorsement)
  ) {
    throw new CryptoError('bad_signature', 'recovery key not endorsed by the organisation');
  }
}
