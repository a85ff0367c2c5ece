// Recomputes every known-answer vector in tests/vectors/protocol-v1.json and decrypts every
// ciphertext in it, so a change to the wire format cannot slip through unnoticed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  authKeyHash,
  chainHash,
  concatBytes,
  derivePasswordKeys,
  deriveReceiptKeys,
  deriveSchoolRecoveryKeys,
  encodeAd,
  encodeCertificateBody,
  endorseRecoveryKey,
  fingerprint,
  recoveryWrapKey,
  signCertificate,
  toB64,
  type ItemAd,
  decryptAttachment,
  decryptItem,
  fromB64,
  openSealedKey,
  unwrapKey,
  verifyCertificate,
  verifyItem,
} from '../../shared/crypto/index.ts';
import { encryptItemWithNonce } from '../../shared/crypto/items.ts';
import { wrapKeyWithNonce } from '../../shared/crypto/wrap.ts';
import { sodium } from './helpers.ts';
import {
  ATTACHMENT_BYTES,
  attachmentPlaintext,
  certificateBody,
  computeDeterministic,
  fixed,
  seededKeys,
  type AdJson,
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
    verifyItem(sodium, keys.staff.publicKey, fromB64(v.itemSignature.signature), blob, fixed.ad);
    // [Note: attachment binding]: the message lists the photo, the photo's metadata names it.
    const binding = v.attachmentBinding;
    const message = decryptItem(sodium, fixed.contentKey, fromB64(binding.message), fixed.ad);
    const meta = decryptItem(sodium, fixed.contentKey, fromB64(binding.meta), fixed.bindingMetaAd);
    expect(message).toEqual(fixed.bindingMessage);
    expect(meta).toEqual(fixed.bindingMeta);
    expect(fixed.bindingMessage.attachments).toContain(fixed.bindingMeta.attachmentId);
    expect(fixed.bindingMeta.messageId).toBe(fixed.ad.itemId);
    expect(
      unwrapKey(sodium, fromB64(v.wrapKey.blob), fixed.wrappingKey, fixed.wrapContext),
    ).toEqual(fixed.contentKey);
    const body = verifyCertificate(sodium, keys.root.publicKey, v.certificate.signed, {
      expectOrgId: certificateBody(sodium).orgId,
      minVersion: 2,
    });
    expect(body).toEqual(certificateBody(sodium));
  });

  it('recomputes each vector from the inputs the file itself lists', () => {
    const v = file.deterministic;
    const b = fromB64;
    const ad = ({ prevHash, ...rest }: AdJson): ItemAd =>
      prevHash === undefined ? rest : { ...rest, prevHash: b(prevHash) };
    /** A key pair from its listed seed and derivation, checked against its listed public key. */
    const pair = (k: { seed: string; derivation: string; publicKey: string }) => {
      const made =
        k.derivation === 'crypto_sign_seed_keypair'
          ? sodium.crypto_sign_seed_keypair(b(k.seed))
          : sodium.crypto_box_seed_keypair(b(k.seed));
      expect(toB64(made.publicKey)).toBe(k.publicKey);
      return made;
    };

    for (const which of [v.encodeAd.full, v.encodeAd.bare]) {
      expect(toB64(encodeAd(ad(which.inputs.ad)))).toBe(which.encoded);
    }
    const r = v.receipt.inputs;
    const receipt = deriveReceiptKeys(sodium, r.receiptCode, b(r.salt), r.limits);
    expect([toB64(receipt.authKey), toB64(receipt.pupilKey)]).toEqual([
      v.receipt.authKey,
      v.receipt.pupilKey,
    ]);
    expect(authKeyHash(sodium, receipt.authKey)).toBe(v.receipt.authKeyHash);
    const p = v.password.inputs;
    const password = derivePasswordKeys(sodium, p.password, b(p.salt), p.limits);
    expect([toB64(password.authKey), toB64(password.wrapKey)]).toEqual([
      v.password.authKey,
      v.password.wrapKey,
    ]);
    expect(toB64(recoveryWrapKey(sodium, v.recoveryWrapKey.inputs.recoveryKey))).toBe(
      v.recoveryWrapKey.wrapKey,
    );

    const i = v.item.inputs;
    const item = encryptItemWithNonce(sodium, b(i.key), i.value, ad(i.ad), b(i.nonce));
    expect(toB64(item)).toBe(v.item.blob);
    expect(toB64(chainHash(sodium, item))).toBe(v.item.chainHash);

    const s = v.itemSignature.inputs;
    expect(s.blob).toBe('deterministic.item.blob');
    const signer = pair(s.signer);
    const signed = concatBytes(
      new TextEncoder().encode('bezpieczny-glos/v1/item-signature'),
      Uint8Array.of(0),
      encodeAd(ad(s.ad)),
      item,
    );
    expect(toB64(signed)).toBe(v.itemSignature.signedMessage);
    expect(toB64(sodium.crypto_sign_detached(signed, signer.privateKey))).toBe(
      v.itemSignature.signature,
    );

    const w = v.wrapKey.inputs;
    expect(toB64(wrapKeyWithNonce(sodium, b(w.key), b(w.wrappingKey), w.context, b(w.nonce)))).toBe(
      v.wrapKey.blob,
    );

    const c = v.certificate.inputs;
    pair(c.organisationBoxKey);
    pair(c.organisationSignKey);
    const root = pair(c.root);
    const body = {
      ...c.body,
      boxPublicKey: b(c.body.boxPublicKey),
      signPublicKey: b(c.body.signPublicKey),
    };
    expect(body.boxPublicKey).toEqual(b(c.organisationBoxKey.publicKey));
    expect(body.signPublicKey).toEqual(b(c.organisationSignKey.publicKey));
    expect(toB64(encodeCertificateBody(body))).toBe(v.certificate.encodedBody);
    expect(signCertificate(sodium, root.privateKey, body)).toEqual(v.certificate.signed);

    expect(fingerprint(sodium, b(v.fingerprint.inputs.publicKey))).toBe(v.fingerprint.fingerprint);
    expect(v.fingerprint.inputs.publicKey).toBe(c.root.publicKey);

    const m = v.inviteMac.inputs;
    const box = pair(m.boxPublicKey).publicKey;
    const sign = pair(m.signPublicKey).publicKey;
    const macMessage = concatBytes(
      new TextEncoder().encode('bezpieczny-glos/v1/invite-mac'),
      Uint8Array.of(0),
      box,
      sign,
    );
    expect(toB64(macMessage)).toBe(v.inviteMac.macMessage);
    expect(toB64(sodium.crypto_auth(macMessage, b(m.secret)))).toBe(v.inviteMac.mac);

    const sr = v.schoolRecovery.inputs;
    const recovery = deriveSchoolRecoveryKeys(sodium, sr.recoveryKey);
    expect([toB64(recovery.authKey), toB64(recovery.boxPublicKey)]).toEqual([
      v.schoolRecovery.authKey,
      v.schoolRecovery.boxPublicKey,
    ]);
    const endorser = pair(sr.endorser);
    expect(
      toB64(endorseRecoveryKey(sodium, endorser.privateKey, sr.orgId, recovery.boxPublicKey)),
    ).toBe(v.schoolRecovery.endorsement);

    // [Note: attachment binding]: the message lists the photo, the photo's metadata names it.
    const ab = v.attachmentBinding.inputs;
    const seal = (value: unknown, itemAd: AdJson) =>
      toB64(encryptItemWithNonce(sodium, b(ab.key), value, ad(itemAd), b(ab.nonce)));
    expect(seal(ab.message, ab.messageAd)).toBe(v.attachmentBinding.message);
    expect(seal(ab.meta, ab.metaAd)).toBe(v.attachmentBinding.meta);
    expect(ab.message.attachments).toContain(ab.meta.attachmentId);
    expect(ab.meta.messageId).toBe(ab.messageAd.itemId);
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
