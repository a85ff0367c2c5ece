import { describe, expect, it } from 'vitest';
import {
  decodeCertificateBody,
  encodeCertificateBody,
  fingerprint,
  fromB64,
  generateOrgKeys,
  generateRootKey,
  protectRootKey,
  signCertificate,
  toB64,
  unprotectRootKey,
  verifyCertificate,
  type CertificateBody,
} from '../../shared/crypto/index.ts';
import { expectCode, flipByte, sodium, TEST_LIMITS } from './helpers.ts';

const root = generateRootKey(sodium);
const org = generateOrgKeys(sodium);
const ORG_ID = '5f0c2d7e-3a1b-4c2d-9e8f-7a6b5c4d3e2f';
const body: CertificateBody = {
  orgId: ORG_ID,
  kind: 'school',
  name: 'Szkoła Podstawowa nr 7 im. Marii Skłodowskiej-Curie',
  boxPublicKey: org.boxPublicKey,
  signPublicKey: org.signPublicKey,
  version: 3,
  issuedAt: 1_767_225_600,
};

describe('certificate body encoding', () => {
  it('round-trips and has the documented length', () => {
    const bytes = encodeCertificateBody(body);
    expect(bytes.length).toBe(96 + sodium.from_string(body.name).length);
    expect(decodeCertificateBody(bytes)).toEqual(body);
  });

  it('refuses bad fields and bad bytes', () => {
    expectCode(() => encodeCertificateBody({ ...body, name: '' }), 'malformed');
    expectCode(() => encodeCertificateBody({ ...body, name: 'ż'.repeat(101) }), 'malformed');
    expectCode(() => encodeCertificateBody({ ...body, version: 0 }), 'malformed');
    expectCode(() => encodeCertificateBody({ ...body, orgId: 'x' }), 'malformed');
    const bytes = encodeCertificateBody(body);
    expectCode(() => decodeCertificateBody(bytes.slice(0, 50)), 'truncated');
    expectCode(() => decodeCertificateBody(bytes.slice(0, bytes.length - 1)), 'truncated');
    expectCode(() => decodeCertificateBody(flipByte(bytes, 0)), 'unsupported_version');
    expectCode(() => decodeCertificateBody(Uint8Array.of(...bytes, 0)), 'malformed');
  });
});

describe('certificate verification', () => {
  const cert = signCertificate(sodium, root.secretKey, body);

  it('accepts a certificate signed by the pinned root', () => {
    expect(verifyCertificate(sodium, root.publicKey, cert)).toEqual(body);
    const opts = {
      expectOrgId: ORG_ID.toUpperCase(),
      minVersion: 3,
      expectKind: 'school' as const,
    };
    expect(verifyCertificate(sodium, root.publicKey, cert, opts)).toEqual(body);
  });

  it('refuses a certificate not signed by the pinned root', () => {
    const impostor = generateRootKey(sodium);
    const forged = signCertificate(sodium, impostor.secretKey, body);
    expectCode(() => verifyCertificate(sodium, root.publicKey, forged), 'certificate_invalid');
  });

  it('refuses tampered bodies and signatures', () => {
    const bytes = fromB64(cert.body);
    const swapped = {
      ...cert,
      body: toB64(
        encodeCertificateBody({ ...body, boxPublicKey: generateOrgKeys(sodium).boxPublicKey }),
      ),
    };
    expectCode(() => verifyCertificate(sodium, root.publicKey, swapped), 'certificate_invalid');
    expectCode(
      () =>
        verifyCertificate(sodium, root.publicKey, { ...cert, body: toB64(flipByte(bytes, 100)) }),
      'certificate_invalid',
    );
    const sig = fromB64(cert.signature);
    expectCode(
      () =>
        verifyCertificate(sodium, root.publicKey, { ...cert, signature: toB64(flipByte(sig, 3)) }),
      'certificate_invalid',
    );
    expectCode(
      () => verifyCertificate(sodium, root.publicKey, { ...cert, signature: '!!' }),
      'certificate_invalid',
    );
  });

  it('refuses another organisation, kind, or an older version', () => {
    const other = { expectOrgId: '5f0c2d7e-3a1b-4c2d-9e8f-7a6b5c4d3e30' };
    expectCode(() => verifyCertificate(sodium, root.publicKey, cert, other), 'certificate_invalid');
    expectCode(
      () => verifyCertificate(sodium, root.publicKey, cert, { expectKind: 'cdr' }),
      'certificate_invalid',
    );
    expectCode(
      () => verifyCertificate(sodium, root.publicKey, cert, { minVersion: 4 }),
      'certificate_rollback',
    );
  });
});

describe('root key file and fingerprints', () => {
  it('opens with the right passphrase only', () => {
    const file = protectRootKey(sodium, root.secretKey, 'długie hasło administratora', TEST_LIMITS);
    expect(JSON.parse(JSON.stringify(file))).toEqual(file);
    expect(file.kdf).toEqual({ alg: 'argon2id13', ...TEST_LIMITS });
    expect(unprotectRootKey(sodium, file, 'długie hasło administratora')).toEqual(root);
    expectCode(() => unprotectRootKey(sodium, file, 'wrong'), 'decrypt_failed');
    const otherPk = toB64(generateRootKey(sodium).publicKey);
    expectCode(
      () =>
        unprotectRootKey(sodium, { ...file, publicKey: otherPk }, 'długie hasło administratora'),
      'decrypt_failed',
    );
    expectCode(() => unprotectRootKey(sodium, { ...file, v: 2 as 1 }, 'x'), 'unsupported_version');
    expectCode(() => unprotectRootKey(sodium, { ...file, salt: 'AAAA' }, 'x'), 'malformed');
  });

  it('prints readable, stable fingerprints', () => {
    const fp = fingerprint(sodium, root.publicKey);
    expect(fp).toMatch(/^\d{5}( \d{5}){7}$/);
    expect(fingerprint(sodium, root.publicKey)).toBe(fp);
    expect(fingerprint(sodium, org.signPublicKey)).not.toBe(fp);
  });
});
