// The fixed inputs of tests/vectors/protocol-v1.json and the deterministic outputs derived from
// them. Shared by tests/tools/generate-vectors.ts (writes the file) and vectors.test.ts (recomputes
// and compares), so the two can never disagree on an input.
import type { Sodium } from '../../shared/crypto/sodium.ts';
import {
  ARGON_INTERACTIVE,
  authKeyHash,
  chainHash,
  derivePasswordKeys,
  deriveReceiptKeys,
  deriveSchoolRecoveryKeys,
  endorseRecoveryKey,
  encodeAd,
  encodeCertificateBody,
  fingerprint,
  inviteMac,
  padmeLength,
  recoveryWrapKey,
  signCertificate,
  signItem,
  toB64,
  type CertificateBody,
  type ItemAd,
} from '../../shared/crypto/index.ts';
import { encryptItemWithNonce } from '../../shared/crypto/items.ts';
import { wrapKeyWithNonce } from '../../shared/crypto/wrap.ts';

/** n bytes where byte i = (start + i) mod 256: easy to reproduce in any language. */
export function counting(n: number, start: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);
}

/** The attachment plaintext: byte i = (i * 31 + 7) mod 256. */
export function attachmentPlaintext(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
}

export const SMALL_LIMITS = { opslimit: 1, memlimit: 8 * 2 ** 20 };
export const ATTACHMENT_BYTES = 150 * 1024;

export const fixed = {
  contentKey: counting(32, 0x00),
  wrappingKey: counting(32, 0x20),
  nonce: counting(24, 0x40),
  salt: counting(16, 0x60),
  rootSeed: counting(32, 0x80),
  orgSeed: counting(32, 0xa0),
  staffSeed: counting(32, 0xc0),
  inviteSecret: counting(32, 0xe0),
  receiptCode: '4929-1020-3847-5566',
  password: 'Zażółć gęślą jaźń 123',
  recoveryKey: '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ-0123-4567-89AB-CDEF-GHJ0',
  wrapContext: 'thread-key:0b6f1c1e-6a57-4d1b-9d43-2b1f1a6d2c11',
  itemValue: { text: 'Ktoś zabrał mi plecak.', when: 'przerwa', n: 3 },
  ad: {
    reportId: '0b6f1c1e-6a57-4d1b-9d43-2b1f1a6d2c11',
    kind: 'message',
    itemId: '7d3c8a2e-1f4b-4c5d-8e9f-0a1b2c3d4e5f',
    authorRole: 'counsellor',
    seq: 2,
    prevHash: counting(32, 0x10),
  } satisfies ItemAd,
  adBare: {
    reportId: '0b6f1c1e-6a57-4d1b-9d43-2b1f1a6d2c11',
    kind: 'report',
    itemId: '7d3c8a2e-1f4b-4c5d-8e9f-0a1b2c3d4e5f',
    authorRole: 'pupil',
  } satisfies ItemAd,
  // [Note: attachment binding]: a message that lists its photo, and the photo's metadata naming
  // the message (the message's itemId is fixed.ad.itemId).
  bindingMessage: {
    v: 1,
    text: 'Zdjęcie z czatu.',
    attachments: ['3c9e2a41-5b6d-4e7f-8a9b-0c1d2e3f4a5b'],
  },
  bindingMeta: {
    attachmentId: '3c9e2a41-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
    messageId: '7d3c8a2e-1f4b-4c5d-8e9f-0a1b2c3d4e5f',
    name: 'zdjecie-1.jpg',
    type: 'image/jpeg',
    size: 1234,
  },
  bindingMetaAd: {
    reportId: '0b6f1c1e-6a57-4d1b-9d43-2b1f1a6d2c11',
    kind: 'attachment-meta',
    itemId: '3c9e2a41-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
    authorRole: 'pupil',
  } satisfies ItemAd,
  padmeInputs: [0, 1, 255, 256, 257, 300, 511, 512, 513, 1000, 4097, 65536, 65537, 1_000_000],
};

export function seededKeys(sodium: Sodium) {
  const root = sodium.crypto_sign_seed_keypair(fixed.rootSeed);
  const orgBox = sodium.crypto_box_seed_keypair(fixed.orgSeed);
  const orgSign = sodium.crypto_sign_seed_keypair(fixed.orgSeed);
  const staff = sodium.crypto_sign_seed_keypair(fixed.staffSeed);
  const staffBox = sodium.crypto_box_seed_keypair(fixed.staffSeed);
  return { root, orgBox, orgSign, staff, staffBox };
}

export function certificateBody(sodium: Sodium): CertificateBody {
  const { orgBox, orgSign } = seededKeys(sodium);
  return {
    orgId: '5f0c2d7e-3a1b-4c2d-9e8f-7a6b5c4d3e2f',
    kind: 'school',
    name: 'Szkoła Podstawowa nr 7',
    boxPublicKey: orgBox.publicKey,
    signPublicKey: orgSign.publicKey,
    version: 2,
    issuedAt: 1_767_225_600,
  };
}

/** Every deterministic vector, bytes as base64url. */
export function computeDeterministic(sodium: Sodium) {
  const keys = seededKeys(sodium);
  const receipt = deriveReceiptKeys(sodium, fixed.receiptCode, fixed.salt, ARGON_INTERACTIVE);
  const password = derivePasswordKeys(sodium, fixed.password, fixed.salt, SMALL_LIMITS);
  const item = encryptItemWithNonce(
    sodium,
    fixed.contentKey,
    fixed.itemValue,
    fixed.ad,
    fixed.nonce,
  );
  const body = certificateBody(sodium);
  const cert = signCertificate(sodium, keys.root.privateKey, body);
  return {
    padme: fixed.padmeInputs.map((n) => [n, padmeLength(n)]),
    encodeAd: { full: toB64(encodeAd(fixed.ad)), bare: toB64(encodeAd(fixed.adBare)) },
    receipt: {
      limits: ARGON_INTERACTIVE,
      authKey: toB64(receipt.authKey),
      pupilKey: toB64(receipt.pupilKey),
      authKeyHash: authKeyHash(sodium, receipt.authKey),
    },
    password: {
      limits: SMALL_LIMITS,
      authKey: toB64(password.authKey),
      wrapKey: toB64(password.wrapKey),
    },
    recoveryWrapKey: toB64(recoveryWrapKey(sodium, fixed.recoveryKey)),
    item: { blob: toB64(item), chainHash: toB64(chainHash(sodium, item)) },
    itemSignature: toB64(signItem(sodium, keys.staff.privateKey, item, fixed.ad)),
    wrapKey: toB64(
      wrapKeyWithNonce(sodium, fixed.contentKey, fixed.wrappingKey, fixed.wrapContext, fixed.nonce),
    ),
    certificate: { encodedBody: toB64(encodeCertificateBody(body)), signed: cert },
    fingerprint: fingerprint(sodium, keys.root.publicKey),
    inviteMac: toB64(
      inviteMac(sodium, fixed.inviteSecret, keys.staffBox.publicKey, keys.staff.publicKey),
    ),
    schoolRecovery: schoolRecoveryVector(sodium),
    attachmentBinding: {
      message: toB64(
        encryptItemWithNonce(sodium, fixed.contentKey, fixed.bindingMessage, fixed.ad, fixed.nonce),
      ),
      meta: toB64(
        encryptItemWithNonce(
          sodium,
          fixed.contentKey,
          fixed.bindingMeta,
          fixed.bindingMetaAd,
          fixed.nonce,
        ),
      ),
    },
  };
}

/** The school recovery key's subkeys from the fixed recovery key, endorsed by the org sign key. */
function schoolRecoveryVector(sodium: Sodium) {
  const keys = seededKeys(sodium);
  const recovery = deriveSchoolRecoveryKeys(sodium, fixed.recoveryKey);
  const orgId = certificateBody(sodium).orgId;
  return {
    authKey: toB64(recovery.authKey),
    boxPublicKey: toB64(recovery.boxPublicKey),
    endorsement: toB64(
      endorseRecoveryKey(sodium, keys.orgSign.privateKey, orgId, recovery.boxPublicKey),
    ),
  };
}
