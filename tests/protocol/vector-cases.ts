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
import { SIGN_DOMAIN } from '../../shared/crypto/domains.ts';
import { signedMessage } from '../../shared/crypto/signed-message.ts';

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

/** An item AD as JSON: prevHash (when present) as base64url. */
export type AdJson = Omit<ItemAd, 'prevHash'> & { prevHash?: string };

export function adJson(ad: ItemAd): AdJson {
  const { prevHash, ...rest } = ad;
  return prevHash === undefined ? rest : { ...rest, prevHash: toB64(prevHash) };
}

/** A key pair made from a seed, as the vector file names it. */
const keyPair = (seed: Uint8Array, made: string, publicKey: Uint8Array) => ({
  seed: toB64(seed),
  derivation: made,
  publicKey: toB64(publicKey),
});

/**
 * Every deterministic vector, bytes as base64url. Each carries its own `inputs` (every key, seed,
 * nonce, context and id that went in, and which key pair is whose), so another implementation can
 * recompute it from the vector file alone; tests/protocol/vectors.test.ts does exactly that.
 */
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
  const staffSign = keyPair(fixed.staffSeed, 'crypto_sign_seed_keypair', keys.staff.publicKey);
  const staffBox = keyPair(fixed.staffSeed, 'crypto_box_seed_keypair', keys.staffBox.publicKey);
  const rootSign = keyPair(fixed.rootSeed, 'crypto_sign_seed_keypair', keys.root.publicKey);
  const orgSign = keyPair(fixed.orgSeed, 'crypto_sign_seed_keypair', keys.orgSign.publicKey);
  const orgBox = keyPair(fixed.orgSeed, 'crypto_box_seed_keypair', keys.orgBox.publicKey);
  return {
    padme: fixed.padmeInputs.map((n) => [n, padmeLength(n)]),
    encodeAd: {
      full: { inputs: { ad: adJson(fixed.ad) }, encoded: toB64(encodeAd(fixed.ad)) },
      bare: { inputs: { ad: adJson(fixed.adBare) }, encoded: toB64(encodeAd(fixed.adBare)) },
    },
    receipt: {
      inputs: {
        receiptCode: fixed.receiptCode,
        salt: toB64(fixed.salt),
        limits: ARGON_INTERACTIVE,
      },
      authKey: toB64(receipt.authKey),
      pupilKey: toB64(receipt.pupilKey),
      authKeyHash: authKeyHash(sodium, receipt.authKey),
    },
    password: {
      inputs: { password: fixed.password, salt: toB64(fixed.salt), limits: SMALL_LIMITS },
      authKey: toB64(password.authKey),
      wrapKey: toB64(password.wrapKey),
    },
    recoveryWrapKey: {
      inputs: { recoveryKey: fixed.recoveryKey },
      wrapKey: toB64(recoveryWrapKey(sodium, fixed.recoveryKey)),
    },
    item: {
      inputs: {
        key: toB64(fixed.contentKey),
        nonce: toB64(fixed.nonce),
        value: fixed.itemValue,
        ad: adJson(fixed.ad),
      },
      blob: toB64(item),
      chainHash: toB64(chainHash(sodium, item)),
    },
    itemSignature: {
      inputs: {
        // The staff author's personal Ed25519 key signs the item blob above with its AD.
        signer: { ...staffSign, whose: 'the staff author (personal sign key)' },
        blob: 'deterministic.item.blob',
        ad: adJson(fixed.ad),
      },
      signedMessage: toB64(signedMessage(SIGN_DOMAIN.item, encodeAd(fixed.ad), item)),
      signature: toB64(signItem(sodium, keys.staff.privateKey, item, fixed.ad)),
    },
    wrapKey: {
      inputs: {
        // contentKey wrapped under wrappingKey (as K_thread is under the pupil's pupilKey).
        key: toB64(fixed.contentKey),
        wrappingKey: toB64(fixed.wrappingKey),
        context: fixed.wrapContext,
        nonce: toB64(fixed.nonce),
      },
      blob: toB64(
        wrapKeyWithNonce(
          sodium,
          fixed.contentKey,
          fixed.wrappingKey,
          fixed.wrapContext,
          fixed.nonce,
        ),
      ),
    },
    certificate: {
      inputs: {
        body: {
          ...body,
          boxPublicKey: toB64(body.boxPublicKey),
          signPublicKey: toB64(body.signPublicKey),
        },
        organisationSignKey: orgSign,
        organisationBoxKey: orgBox,
        root: { ...rootSign, whose: 'the municipality root (signs the certificate)' },
      },
      encodedBody: toB64(encodeCertificateBody(body)),
      signed: cert,
    },
    fingerprint: {
      inputs: { publicKey: toB64(keys.root.publicKey), whose: 'the municipality root sign key' },
      fingerprint: fingerprint(sodium, keys.root.publicKey),
    },
    inviteMac: {
      inputs: {
        secret: toB64(fixed.inviteSecret),
        // The invitee's personal public keys, box key first, both from staffSeed.
        boxPublicKey: staffBox,
        signPublicKey: staffSign,
      },
      macMessage: toB64(
        signedMessage(SIGN_DOMAIN.invite, keys.staffBox.publicKey, keys.staff.publicKey),
      ),
      mac: toB64(
        inviteMac(sodium, fixed.inviteSecret, keys.staffBox.publicKey, keys.staff.publicKey),
      ),
    },
    schoolRecovery: schoolRecoveryVector(sodium),
    attachmentBinding: {
      inputs: {
        // Both under one content key and nonce (K_thread in the protocol): the message lists the
        // attachment id, the attachment's metadata names the message.
        key: toB64(fixed.contentKey),
        nonce: toB64(fixed.nonce),
        message: fixed.bindingMessage,
        messageAd: adJson(fixed.ad),
        meta: fixed.bindingMeta,
        metaAd: adJson(fixed.bindingMetaAd),
      },
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
    inputs: {
      recoveryKey: fixed.recoveryKey,
      orgId,
      endorser: {
        ...keyPair(fixed.orgSeed, 'crypto_sign_seed_keypair', keys.orgSign.publicKey),
        whose: 'the organisation sign key (of the certificate above)',
      },
    },
    authKey: toB64(recovery.authKey),
    boxPublicKey: toB64(recovery.boxPublicKey),
    endorsement: toB64(
      endorseRecoveryKey(sodium, keys.orgSign.privateKey, orgId, recovery.boxPublicKey),
    ),
  };
}
