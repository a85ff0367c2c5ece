// The school recovery key [Note: school recovery key]: typed forgivingly, its two subkeys apart,
// the organisation keys round-trip through its box key, and only the organisation's own sign key
// (of any certified version) endorses it, for that organisation and that key only.
import { describe, expect, it } from 'vitest';
import {
  deriveSchoolRecoveryKeys,
  endorseRecoveryKey,
  generateOrgKeys,
  generateSchoolRecoveryKey,
  openOrgKeys,
  sealOrgKeys,
  verifyRecoveryEndorsement,
} from '../../shared/crypto/index.ts';
import { expectCode, sodium } from './helpers.ts';

const ORG = '5f0c2d7e-3a1b-4c2d-9e8f-7a6b5c4d3e2f';
const OTHER_ORG = '0b6f1c1e-6a57-4d1b-9d43-2b1f1a6d2c11';

describe('school recovery key', () => {
  it('derives the same keys from a typed printout, and two different subkeys', () => {
    const made = generateSchoolRecoveryKey(sodium);
    expect(made.recoveryKey).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){12}$/);
    const typed = deriveSchoolRecoveryKeys(
      sodium,
      made.recoveryKey.toLowerCase().replace(/-/g, ' '),
    );
    expect(typed.authKey).toEqual(made.authKey);
    expect(typed.boxPublicKey).toEqual(made.boxPublicKey);
    expect(made.authKey).not.toEqual(made.boxSecretKey);
    expect(sodium.crypto_scalarmult_base(made.boxSecretKey)).toEqual(made.boxPublicKey);
    expectCode(() => deriveSchoolRecoveryKeys(sodium, made.recoveryKey.slice(0, -2)), 'malformed');
  });

  it('opens the organisation keys sealed to it, and nothing else does', () => {
    const org = generateOrgKeys(sodium);
    const made = generateSchoolRecoveryKey(sodium);
    const sealed = sealOrgKeys(sodium, org, made.boxPublicKey);
    expect(openOrgKeys(sodium, sealed, made.boxPublicKey, made.boxSecretKey)).toEqual(org);
    const other = generateSchoolRecoveryKey(sodium);
    expectCode(
      () => openOrgKeys(sodium, sealed, other.boxPublicKey, other.boxSecretKey),
      'decrypt_failed',
    );
  });

  it('accepts the endorsement of any of the organisation sign keys, for this key and org only', () => {
    const v1 = generateOrgKeys(sodium);
    const v2 = generateOrgKeys(sodium);
    const made = generateSchoolRecoveryKey(sodium);
    const endorsement = endorseRecoveryKey(sodium, v1.signSecretKey, ORG, made.boxPublicKey);
    const keys = [v2.signPublicKey, v1.signPublicKey];
    verifyRecoveryEndorsement(sodium, keys, ORG, made.boxPublicKey, endorsement);
    const swapped = generateSchoolRecoveryKey(sodium).boxPublicKey;
    for (const attempt of [
      () => verifyRecoveryEndorsement(sodium, keys, ORG, swapped, endorsement),
      () => verifyRecoveryEndorsement(sodium, keys, OTHER_ORG, made.boxPublicKey, endorsement),
      () =>
        verifyRecoveryEndorsement(sodium, [v2.signPublicKey], ORG, made.boxPublicKey, endorsement),
      () => verifyRecoveryEndorsement(sodium, keys, ORG, made.boxPublicKey, endorsement.slice(1)),
    ]) {
      expectCode(attempt, 'bad_signature');
    }
  });
});
