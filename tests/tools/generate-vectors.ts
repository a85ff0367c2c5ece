// Writes tests/vectors/protocol-v1.json: known-answer vectors for another implementation of
// docs/protocol.md. Run: node --import tsx tests/tools/generate-vectors.ts
// Deterministic outputs come from fixed keys and nonces (tests/protocol/vector-cases.ts). Sealed
// boxes and secretstream headers are random by construction, so those two vectors are
// decrypt-only and change on every run; everything else is byte-for-byte stable.
import { writeFileSync } from 'node:fs';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { encryptAttachment, sealKey, toB64 } from '../../shared/crypto/index.ts';
import {
  ATTACHMENT_BYTES,
  attachmentPlaintext,
  computeDeterministic,
  fixed,
  seededKeys,
} from '../protocol/vector-cases.ts';

const sodium = await loadSodium();
const keys = seededKeys(sodium);
const attachment = attachmentPlaintext(ATTACHMENT_BYTES);

const vectors = {
  description:
    'Known-answer vectors for docs/protocol.md v1. Bytes are base64url without padding. ' +
    'Inputs are listed under "inputs"; counting(n, s) means n bytes where byte i = (s + i) mod 256.',
  inputs: {
    contentKey: 'counting(32, 0x00)',
    wrappingKey: 'counting(32, 0x20)',
    nonce: 'counting(24, 0x40)',
    salt: 'counting(16, 0x60)',
    rootSeed: 'counting(32, 0x80) -> crypto_sign_seed_keypair',
    orgSeed: 'counting(32, 0xa0) -> crypto_box_seed_keypair and crypto_sign_seed_keypair',
    staffSeed: 'counting(32, 0xc0) -> crypto_sign_seed_keypair and crypto_box_seed_keypair',
    inviteSecret: 'counting(32, 0xe0)',
    prevHash: 'counting(32, 0x10)',
    receiptCode: fixed.receiptCode,
    password: fixed.password,
    recoveryKey: fixed.recoveryKey,
    wrapContext: fixed.wrapContext,
    itemValue: fixed.itemValue,
    ad: { ...fixed.ad, prevHash: toB64(fixed.ad.prevHash) },
    adBare: fixed.adBare,
    certificateBody:
      'orgId 5f0c2d7e-3a1b-4c2d-9e8f-7a6b5c4d3e2f, school, "Szkoła Podstawowa nr 7", org keys, version 2, issuedAt 1767225600',
    attachmentPlaintext: `${ATTACHMENT_BYTES} bytes, byte i = (i * 31 + 7) mod 256`,
    attachmentBinding: {
      message: fixed.bindingMessage,
      messageAd: 'ad (the message the photo goes with)',
      meta: fixed.bindingMeta,
      metaAd: fixed.bindingMetaAd,
      note: 'contentKey and nonce; the message lists the attachment id, the meta names the message',
    },
  },
  deterministic: computeDeterministic(sodium),
  decryptOnly: {
    sealedKey: {
      recipient: 'org box key pair from orgSeed',
      plaintext: toB64(fixed.contentKey),
      blob: toB64(sealKey(sodium, fixed.contentKey, keys.orgBox.publicKey)),
    },
    attachment: {
      fileKey: toB64(fixed.contentKey),
      plaintextGenerichash: toB64(sodium.crypto_generichash(32, attachment, null)),
      blob: toB64(encryptAttachment(sodium, fixed.contentKey, attachment)),
    },
  },
};

const path = new URL('../vectors/protocol-v1.json', import.meta.url);
writeFileSync(path, `${JSON.stringify(vectors, null, 2)}\n`);
console.log(`wrote ${path.pathname}`);
