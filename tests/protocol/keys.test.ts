import { describe, expect, it } from 'vitest';
import {
  generateOrgKeys,
  newKey,
  openOrgKeys,
  openSealed,
  openSealedKey,
  sealBytes,
  sealKey,
  sealOrgKeys,
  unwrapKey,
  wrapKey,
} from '../../shared/crypto/index.ts';
import { expectCode, flipByte, sodium } from './helpers.ts';

describe('sealing to an organisation key', () => {
  const org = generateOrgKeys(sodium);

  it('generates X25519 and Ed25519 pairs of the right sizes', () => {
    expect(org.boxPublicKey).toHaveLength(32);
    expect(org.boxSecretKey).toHaveLength(32);
    expect(org.signPublicKey).toHaveLength(32);
    expect(org.signSecretKey).toHaveLength(64);
    expect(newKey(sodium)).toHaveLength(32);
    expect(newKey(sodium)).not.toEqual(newKey(sodium));
  });

  it('round-trips a sealed key and refuses the wrong recipient', () => {
    const key = newKey(sodium);
    const blob = sealKey(sodium, key, org.boxPublicKey);
    expect(blob).toHaveLength(1 + 48 + 32);
    expect(openSealedKey(sodium, blob, org.boxPublicKey, org.boxSecretKey)).toEqual(key);
    const other = generateOrgKeys(sodium);
    expectCode(
      () => openSealedKey(sodium, blob, other.boxPublicKey, other.boxSecretKey),
      'decrypt_failed',
    );
  });

  it('refuses tampered, truncated and unknown-version sealed blobs', () => {
    const blob = sealKey(sodium, newKey(sodium), org.boxPublicKey);
    const open = (b: Uint8Array) => openSealedKey(sodium, b, org.boxPublicKey, org.boxSecretKey);
    expectCode(() => open(flipByte(blob, 40)), 'decrypt_failed');
    expectCode(() => open(blob.slice(0, 40)), 'truncated');
    expectCode(() => open(new Uint8Array(0)), 'truncated');
    expectCode(() => open(flipByte(blob, 0)), 'unsupported_version');
    const notAKey = sealBytes(sodium, new Uint8Array(16), org.boxPublicKey);
    expect(openSealed(sodium, notAKey, org.boxPublicKey, org.boxSecretKey)).toEqual(
      new Uint8Array(16),
    );
    expectCode(() => open(notAKey), 'malformed');
  });

  it('seals an organisation key bundle to a member', () => {
    const member = generateOrgKeys(sodium);
    const blob = sealOrgKeys(sodium, org, member.boxPublicKey);
    expect(openOrgKeys(sodium, blob, member.boxPublicKey, member.boxSecretKey)).toEqual(org);
    expectCode(
      () => openOrgKeys(sodium, blob, org.boxPublicKey, org.boxSecretKey),
      'decrypt_failed',
    );
    const mismatched = sealOrgKeys(
      sodium,
      { ...org, signPublicKey: member.signPublicKey },
      member.boxPublicKey,
    );
    expectCode(
      () => openOrgKeys(sodium, mismatched, member.boxPublicKey, member.boxSecretKey),
      'malformed',
    );
  });
});

describe('wrapping a key under a key', () => {
  const wrapping = newKey(sodium);
  const key = newKey(sodium);

  it('round-trips and binds the context', () => {
    const blob = wrapKey(sodium, key, wrapping, 'thread-key:r1');
    expect(blob).toHaveLength(1 + 24 + 32 + 16);
    expect(unwrapKey(sodium, blob, wrapping, 'thread-key:r1')).toEqual(key);
    expectCode(() => unwrapKey(sodium, blob, wrapping, 'thread-key:r2'), 'decrypt_failed');
    expectCode(() => unwrapKey(sodium, blob, newKey(sodium), 'thread-key:r1'), 'decrypt_failed');
  });

  it('refuses tampering, truncation, versions and bad inputs', () => {
    const blob = wrapKey(sodium, key, wrapping, 'ctx');
    expectCode(() => unwrapKey(sodium, flipByte(blob, 30), wrapping, 'ctx'), 'decrypt_failed');
    expectCode(() => unwrapKey(sodium, flipByte(blob, 0), wrapping, 'ctx'), 'unsupported_version');
    expectCode(() => unwrapKey(sodium, blob.slice(0, 30), wrapping, 'ctx'), 'truncated');
    expectCode(() => wrapKey(sodium, new Uint8Array(31), wrapping, 'ctx'), 'malformed');
    expectCode(() => wrapKey(sodium, key, wrapping, ''), 'malformed');
    expectCode(() => wrapKey(sodium, key, new Uint8Array(16), 'ctx'), 'malformed');
  });
});
