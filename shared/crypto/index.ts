// The protocol's public API (docs/protocol.md). Every operation takes the libsodium instance
// first; the `...WithNonce` variants stay internal (tests/tools import them from their modules).
export type { Sodium } from './sodium.ts';
export { CryptoError, type CryptoErrorCode } from '../envelope/crypto-error.ts';
export { toB64, fromB64 } from '../envelope/base64url.ts';
export { toHex, bytesEqual, concatBytes } from '../envelope/bytes.ts';
export { padmeLength } from '../envelope/padme.ts';
export {
  encodeAd,
  ITEM_AD_BYTES,
  type ItemAd,
  type ItemKind,
  type AuthorRole,
} from '../envelope/item-ad.ts';
export {
  encodeCertificateBody,
  decodeCertificateBody,
  type CertificateBody,
  type OrgKind,
} from '../envelope/certificate-body.ts';
export { ARGON_INTERACTIVE, ARGON_MODERATE, type ArgonLimits } from './argon.ts';
export {
  generateReceiptCode,
  formatReceipt,
  parseReceipt,
  deriveReceiptKeys,
  authKeyHash,
  type ReceiptKeys,
} from './receipt.ts';
export {
  newKey,
  generateOrgKeys,
  sealKey,
  openSealedKey,
  sealBytes,
  openSealed,
  sealOrgKeys,
  openOrgKeys,
  type OrgKeyPair,
} from './keys.ts';
export { wrapKey, unwrapKey } from './wrap.ts';
export { encryptItem, decryptItem } from './items.ts';
export { chainHash, verifyChain, GENESIS_HASH, type ChainLink } from './chain.ts';
export { signItem, verifyItem } from './signatures.ts';
export {
  encryptAttachment,
  decryptAttachment,
  padAttachment,
  unpadAttachment,
  createAttachmentEncryptor,
  createAttachmentDecryptor,
  type AttachmentEncryptor,
  type AttachmentDecryptor,
} from './attachments.ts';
export {
  signCertificate,
  verifyCertificate,
  type SignedCertificate,
  type VerifyCertificateOptions,
} from './certificates.ts';
export {
  generateRootKey,
  protectRootKey,
  unprotectRootKey,
  type RootKeyFile,
  type RootKeyPair,
} from './root-key.ts';
export { fingerprint } from './fingerprint.ts';
export {
  derivePasswordKeys,
  generatePersonalKeys,
  wrapPersonalKeys,
  unwrapPersonalKeys,
  generateRecoveryKey,
  recoveryWrapKey,
  createStaffCredentials,
  type PersonalKeys,
  type PasswordKeys,
  type StaffCredentials,
} from './staff-keys.ts';
export { inviteMac, verifyInviteMac } from './invite.ts';
export { endorseMember, verifyMemberEndorsement, type MemberKeys } from './endorsement.ts';
export {
  deriveSchoolRecoveryKeys,
  generateSchoolRecoveryKey,
  endorseRecoveryKey,
  verifyRecoveryEndorsement,
  type SchoolRecoveryKeys,
} from './school-recovery.ts';
export { solvePow, solvePowRange } from './pow-solve.ts';
export { newUuid } from './ids.ts';
export {
  composeReport,
  composeMessage,
  composeAttachment,
  threadKeyContext,
  fileKeyContext,
  type SchoolKeys,
  type ComposedReport,
  type ComposedMessage,
  type ComposedAttachment,
  type ChainTip,
} from './report-compose.ts';
export { readable } from './content-check.ts';
export {
  openThread,
  openMessages,
  openAttachments,
  isBound,
  openThreadKey,
  type SignerKeys,
  openAttachmentData,
  type OpenedThread,
  type OpenedMessage,
  type OpenedAttachment,
} from './thread-open.ts';
export {
  composeEscalation,
  openEscalation,
  composeOutcomeNote,
  openOutcomeNote,
  type ComposedEscalation,
  type EscalationAuthor,
} from './escalation.ts';
