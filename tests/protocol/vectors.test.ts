// Recomputes every known-answer vector in tests/vectors/protocol-v1.json and decrypts every
// ciphertext in it, so a change to the wire format cannot slip through unnoticed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decryptAttachment,
  decryptItem,
  fromB64,
  openSealedKey,
  unwrapKey,
  verifyCertificate,
  verifyItem,
} from '../../shared/crypto/index.ts';
import { sodium } from './helpers.ts';
import {
  ATTACHMENT_BYTES,
  attachmentPlaintext,
  certificateBody,
  computeDeterministic,
  fixed,
  seededKeys,
} from './vector-cases.ts';

interface VectorFile {
  deterministic: ReturnType<typeof computeDeterministic>;
  decryptOnly: {
    sealedKey: { plaintext: string; blob: string };
    attachment: { fileKey: string; plaintextGenerichash: string; blob: string };
  };
}

const file = JSON.parse(
  readFileSync(new URL('../vectors/protocol-v1.json', import.meta.url), 'utf8'),
) as VectorFile;
const keys = seededKeys(sodium);

describe('known-answer vectors (protocol v1)', () => {
  it('recomputes every deterministic vector byte for byte', () => {
    expect(computeDeterministic(sodium)).toEqual(file.deterministic);
  });

  it('decrypts and verifies the deterministic ciphertexts', () => {
    const v = file.deterministic;
    const blob = fromB64(v.item.blob);
    expect(decryptItem(sodium, fixed.contentKey, blob, fixed.ad)).toEqual(fixed.itemValue);
    verifyItem(sodium, keys.staff.publicKey, fromB64(v.itemSignature), blob, fixed.ad);
    // [Note: attachment binding]: the message lists the photo, the photo's metadata names it.
    const message = decryptItem(
      sodium,
      fixed.contentKey,
      fromB64(v.attachmentBinding.message),
      fixed.ad,
    );
    const meta = decryptItem(
      sodium,
      fixed.contentKey,
      fromB64(v.attachmentBinding.meta),
      fixed.bindingMetaAd,
    );
    expect(message).toEqual(fixed.bindingMessage);
    expect(meta).toEqual(fixed.bindingMeta);
    expect(fixed.bindingMessage.attachments).toContain(fixed.bindingMeta.attachmentId);
    expect(fixed.bindingMeta.messageId).toBe(fixed.ad.itemId);
    expect(unwrapKey(sodium, fromB64(v.wrapKey), fixed.wrappingKey, fixed.wrapContext)).toEqual(
      fixed.contentKey,
    );
    const body = verifyCertificate(sodium, keys.root.publicKey, v.certificate.signed, {
      expectOrgId: certificateBody(sodium).orgId,
      minVersion: 2,
    });
    expect(body).toEqual(certificateBody(sodium));
  });

  it('opens the sealed key and the attachment', () => {
    const { sealedKey, attachment } = file.decryptOnly;
    const opened = openSealedKey(
      sodium,
      fromB64(sealedKey.blob),
      keys.orgBox.publicKey,
      keys.orgBox.privateKey,
    );
    expect(opened).toEqual(fromB64(sealedKey.plaintext));
    const plain = decryptAttachment(sodium, fromB64(attachment.fileKey), fromB64(attachment.blob));
    expect(plain).toHaveLength(ATTACHMENT_BYTES);
    expect(plain).toEqual(attachmentPlaintext(ATTACHMENT_BYTES));
    expect(sodium.crypto_generichash(32, plain, null)).toEqual(
      fromB64(attachment.plaintextGenerichash),
    );
  });
});
