// [Note: domain separation]
// Every key derivation, hash and signature in the protocol names its purpose, so a value made for
// one purpose can never be accepted for another (a chain hash is not a fingerprint, a certificate
// signature is not a message signature). The strings and ids below are part of the wire format:
// changing one breaks every stored blob and the vectors in tests/vectors/protocol-v1.json.

/** crypto_kdf_derive_from_key contexts (exactly 8 bytes) and subkey ids. */
export const KDF = {
  receiptAuth: { context: 'rcpt_aut', id: 1 },
  receiptPupil: { context: 'rcpt_key', id: 2 },
  passwordAuth: { context: 'pwd_auth', id: 1 },
  passwordWrap: { context: 'pwd_wrap', id: 2 },
  recoveryWrap: { context: 'rcvr_wrp', id: 1 },
  schoolRecoveryAuth: { context: 'srcv_aut', id: 1 },
  schoolRecoveryBox: { context: 'srcv_box', id: 2 },
} as const;

/** Prefixes of signed messages; each is followed by one 0x00 byte, then the signed bytes. */
export const SIGN_DOMAIN = {
  certificate: 'bezpieczny-glos/v1/org-certificate',
  item: 'bezpieczny-glos/v1/item-signature',
  invite: 'bezpieczny-glos/v1/invite-mac',
  endorsement: 'bezpieczny-glos/v1/member-endorsement',
  schoolRecovery: 'bezpieczny-glos/v1/school-recovery',
  releaseKey: 'bezpieczny-glos/v1/release-key',
  releaseManifest: 'bezpieczny-glos/v1/release-manifest',
} as const;

/** BLAKE2b (crypto_generichash) keys used as personalisation; 16..64 bytes each. */
export const HASH_KEY = {
  chain: 'bezpieczny-glos/v1/chain-hash',
  fingerprint: 'bezpieczny-glos/v1/fingerprint',
} as const;

/** Associated data (after the version byte) of AEAD-wrapped secrets other than content items. */
export const WRAP_CONTEXT = {
  personalKeys: 'personal-keys',
  rootKey: 'root-key',
} as const;
