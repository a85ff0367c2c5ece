// [Note: member endorsement] A staff member's personal public keys are endorsed by their
// organisation: an Ed25519 signature by the organisation's sign key (whose certificate the root
// signed) over SIGN(member-endorsement, org id, box pk, sign pk). A pupil's browser can then check
// that a signed reply comes from a member of the school without trusting the server:
// root -> organisation certificate -> endorsement -> message signature.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { expectLength, uuidToBytes } from '../envelope/bytes.ts';
import { SIGN_DOMAIN } from './domains.ts';
import { signedMessage } from './signed-message.ts';

export interface MemberKeys {
  orgId: string;
  boxPublicKey: Uint8Array;
  signPublicKey: Uint8Array;
}

function endorsementMessage(member: MemberKeys): Uint8Array {
  expectLength(member.boxPublicKey, 32, 'box public key');
  expectLength(member.signPublicKey, 32, 'sign public key');
  return signedMessage(
    SIGN_DOMAIN.endorsement,
    uuidToBytes(member.orgId),
    member.boxPublicKey,
    member.signPublicKey,
  );
}

export function endorseMember(
  sodium: Sodium,
  orgSignSecretKey: Uint8Array,
  member: MemberKeys,
): Uint8Array {
  expectLength(orgSignSecretKey, 64, 'organisation sign secret key');
  return sodium.crypto_sign_detached(endorsementMessage(member), orgSignSecretKey);
}

/** Whether one of `signPublicKeys` made `signature` over `message` (an organisation has a sign key
 * per certificate version; what an older one endorsed stays endorsed). */
export function signedByOneOf(
  sodium: Sodium,
  signPublicKeys: readonly Uint8Array[],
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  return (
    signature instanceof Uint8Array &&
    signature.length === 64 &&
    signPublicKeys.some((pk) => {
      try {
        return sodium.crypto_sign_verify_detached(signature, message, pk);
      } catch {
        return false;
      }
    })
  );
}

/** Throws 'bad_signature' unless one of the organisation's sign keys endorsed the member. */
export function verifyMemberEndorsement(
  sodium: Sodium,
  orgSignPublicKeys: readonly Uint8Array[],
  member: MemberKeys,
  endorsement: Uint8Array,
): void {
  if (!signedByOneOf(sodium, orgSignPublicKeys, endorsementMessage(member), endorsement)) {
    throw new CryptoError('bad_signature', 'member not endorsed by the organisation');
  }
}
