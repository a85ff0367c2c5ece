import { describe, expect, it } from 'vitest';
import {
  authKeyHash,
  createStaffCredentials,
  derivePasswordKeys,
  generatePersonalKeys,
  generateRecoveryKey,
  inviteMac,
  newKey,
  recoveryWrapKey,
  unwrapPersonalKeys,
  verifyInviteMac,
  wrapPersonalKeys,
} from '../../shared/crypto/index.ts';
import { expectCode, flipByte, sodium, TEST_LIMITS } from './helpers.ts';

const salt = new Uint8Array(16).fill(3);

describe('staff personal keys', () => {
  it('derives distinct, deterministic auth and wrap keys from a password', () => {
    const a = derivePasswordKeys(sodium, 'correct horse', salt, TEST_LIMITS);
    const b = derivePasswordKeys(sodium, 'correct horse', salt, TEST_LIMITS);
    expect(a).toEqual(b);
    expect(a.authKey).not.toEqual(a.wrapKey);
    expect(derivePasswordKeys(sodium, 'correct horsf', salt, TEST_LIMITS).authKey).not.toEqual(
      a.authKey,
    );
    expect(
      derivePasswordKeys(sodium, 'correct horse', new Uint8Array(16), TEST_LIMITS).authKey,
    ).not.toEqual(a.authKey);
    // NFC normalisation: a precomposed and a decomposed "ó" are one password.
    expect(derivePasswordKeys(sodium, 'kr\u00f3l', salt, TEST_LIMITS)).toEqual(
      derivePasswordKeys(sodium, 'kro\u0301l', salt, TEST_LIMITS),
    );
    expectCode(() => derivePasswordKeys(sodium, 'x', new Uint8Array(8), TEST_LIMITS), 'malformed');
    expectCode(() => derivePasswordKeys(sodium, '', salt, TEST_LIMITS), 'malformed');
    expectCode(
      () => derivePasswordKeys(sodium, 'x', salt, { opslimit: 0, memlimit: 8192 }),
      'malformed',
    );
  });

  it('wraps personal keys under the password key only', () => {
    const keys = generatePersonalKeys(sodium);
    const { wrapKey, authKey } = derivePasswordKeys(sodium, 'pw', salt, TEST_LIMITS);
    const blob = wrapPersonalKeys(sodium, keys, wrapKey);
    expect(unwrapPersonalKeys(sodium, blob, wrapKey)).toEqual(keys);
    expectCode(() => unwrapPersonalKeys(sodium, blob, authKey), 'decrypt_failed');
    expectCode(() => unwrapPersonalKeys(sodium, flipByte(blob, 50), wrapKey), 'decrypt_failed');
  });

  it('creates credentials that open with the password and with the recovery key', () => {
    const creds = createStaffCredentials(sodium, 'hasło-123', TEST_LIMITS);
    const { authKey, wrapKey } = derivePasswordKeys(sodium, 'hasło-123', creds.salt, TEST_LIMITS);
    expect(authKey).toEqual(creds.authKey);
    expect(unwrapPersonalKeys(sodium, creds.wrappedKeys, wrapKey)).toEqual(creds.keys);
    const typed = creds.recoveryKey.toLowerCase().replace(/-/g, ' ');
    expect(
      unwrapPersonalKeys(sodium, creds.recoveryWrappedKeys, recoveryWrapKey(sodium, typed)),
    ).toEqual(creds.keys);
    expect(authKeyHash(sodium, creds.authKey)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prints recovery keys as 13 groups and refuses mistyped ones', () => {
    const { recoveryKey, wrapKey } = generateRecoveryKey(sodium);
    expect(recoveryKey).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){12}$/);
    expect(recoveryWrapKey(sodium, recoveryKey)).toEqual(wrapKey);
    expect(recoveryWrapKey(sodium, recoveryKey.replace(/0/g, 'O'))).toEqual(wrapKey);
    expectCode(() => recoveryWrapKey(sodium, recoveryKey.slice(0, -1)), 'malformed');
    expectCode(() => recoveryWrapKey(sodium, `${recoveryKey}A`), 'malformed');
    expectCode(() => recoveryWrapKey(sodium, recoveryKey.replace(/^./, 'U')), 'malformed');
  });
});

describe('invitation MAC', () => {
  const secret = newKey(sodium);
  const member = generatePersonalKeys(sodium);

  it('accepts the keys the invitee MACed and nothing else', () => {
    const mac = inviteMac(sodium, secret, member.boxPublicKey, member.signPublicKey);
    verifyInviteMac(sodium, secret, member.boxPublicKey, member.signPublicKey, mac);
    const intruder = generatePersonalKeys(sodium);
    expectCode(
      () => verifyInviteMac(sodium, secret, intruder.boxPublicKey, member.signPublicKey, mac),
      'bad_signature',
    );
    expectCode(
      () => verifyInviteMac(sodium, secret, member.boxPublicKey, intruder.signPublicKey, mac),
      'bad_signature',
    );
    expectCode(
      () => verifyInviteMac(sodium, newKey(sodium), member.boxPublicKey, member.signPublicKey, mac),
      'bad_signature',
    );
    expectCode(
      () =>
        verifyInviteMac(
          sodium,
          secret,
          member.boxPublicKey,
          member.signPublicKey,
          flipByte(mac, 0),
        ),
      'bad_signature',
    );
    expectCode(
      () =>
        verifyInviteMac(
          sodium,
          secret,
          member.boxPublicKey,
          member.signPublicKey,
          mac.slice(0, 16),
        ),
      'bad_signature',
    );
  });
});
