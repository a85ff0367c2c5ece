// What a counsellor's and a CdR specialist's browsers do for an escalation, composed with the real
// shared protocol code [Note: escalation keys], for tests: K_esc sealed to the CdR's and the
// school's organisation keys (from their certificates), the signed package and reason, the
// conversation handed over, and, on the CdR side, opening K_esc from the CdR's key grant and
// checking the package, the CdR-school thread and the outcome notes.
import {
  chainHash,
  composeMessage,
  decodeCertificateBody,
  decryptItem,
  encryptItem,
  fromB64,
  GENESIS_HASH,
  newKey,
  openSealedKey,
  sealKey,
  signItem,
  toB64,
  verifyItem,
  type AuthorRole,
  type ItemAd,
  type OrgKeyPair,
  type Sodium,
} from '../../shared/crypto/index.ts';
import type { EscalationCaseDto, EscalationPackage } from '../../shared/protocol/escalations.ts';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import type { ThreadMessageDto } from '../../shared/protocol/pupil.ts';

const certKeys = (org: OrganisationDto) => decodeCertificateBody(fromB64(org.certificate.body));
export const orgBoxKey = (org: OrganisationDto) => certKeys(org).boxPublicKey;
export const orgSignKey = (org: OrganisationDto) => certKeys(org).signPublicKey;

export const packageAd = (reportId: string, escalationId: string): ItemAd => ({
  reportId,
  kind: 'escalation',
  itemId: escalationId,
  authorRole: 'counsellor',
});
export const reasonAd = (reportId: string, escalationId: string): ItemAd => ({
  ...packageAd(reportId, escalationId),
  kind: 'escalation-reason',
});
export const outcomeAd = (reportId: string, outcomeId: string): ItemAd => ({
  reportId,
  kind: 'outcome',
  itemId: outcomeId,
  authorRole: 'cdr',
});

export interface ComposedEscalation {
  escKey: Uint8Array;
  /** The body of POST /api/staff/reports/:id/escalations. */
  request: {
    id: string;
    cdrOrgId: string;
    cdrKeyVersion: number;
    schoolKeyVersion: number;
    urgent: boolean;
    escKeySealedCdr: string;
    escKeySealedSchool: string;
    package: string;
    packageSignature: string;
    reason: string;
    reasonSignature: string;
    threadKeySealedCdr: string | null;
    attachmentIds: string[];
  };
}

export function composeEscalation(
  sodium: Sodium,
  args: {
    reportId: string;
    school: OrganisationDto;
    cdr: OrganisationDto;
    signSecretKey: Uint8Array;
    pkg: EscalationPackage;
    reason: string;
    /** K_thread, to hand the conversation over; null keeps it with the school. */
    threadKey: Uint8Array | null;
    urgent?: boolean;
  },
): ComposedEscalation {
  const id = crypto.randomUUID();
  const escKey = newKey(sodium);
  const seal = (blob: Uint8Array, ad: ItemAd) => ({
    blob: toB64(blob),
    signature: toB64(signItem(sodium, args.signSecretKey, blob, ad)),
  });
  const pkgAd = packageAd(args.reportId, id);
  const pkg = seal(encryptItem(sodium, escKey, args.pkg, pkgAd), pkgAd);
  const rAd = reasonAd(args.reportId, id);
  const reason = seal(encryptItem(sodium, escKey, { v: 1, text: args.reason }, rAd), rAd);
  const cdrBox = orgBoxKey(args.cdr);
  return {
    escKey,
    request: {
      id,
      cdrOrgId: args.cdr.id,
      cdrKeyVersion: certKeys(args.cdr).version,
      schoolKeyVersion: certKeys(args.school).version,
      urgent: args.urgent ?? false,
      escKeySealedCdr: toB64(sealKey(sodium, escKey, cdrBox)),
      escKeySealedSchool: toB64(sealKey(sodium, escKey, orgBoxKey(args.school))),
      package: pkg.blob,
      packageSignature: pkg.signature,
      reason: reason.blob,
      reasonSignature: reason.signature,
      threadKeySealedCdr: args.threadKey ? toB64(sealKey(sodium, args.threadKey, cdrBox)) : null,
      attachmentIds: args.pkg.attachments.map((a) => a.attachmentId),
    },
  };
}

/** K_esc as a member opens it with their organisation's keys (from their key grant). */
export const openEscKey = (sodium: Sodium, dto: EscalationCaseDto, orgKeys: OrgKeyPair) =>
  openSealedKey(sodium, fromB64(dto.escKeySealed), orgKeys.boxPublicKey, orgKeys.boxSecretKey);

/** The package and reason, their signatures checked against the escalating counsellor's key. */
export function openEscalation(sodium: Sodium, dto: EscalationCaseDto, escKey: Uint8Array) {
  const { reportId, id } = dto.item;
  const open = (blob: string, signature: string, ad: ItemAd) => {
    const bytes = fromB64(blob);
    verifyItem(sodium, fromB64(dto.createdBy.signPublicKey), fromB64(signature), bytes, ad);
    return decryptItem(sodium, escKey, bytes, ad);
  };
  return {
    pkg: open(dto.package, dto.packageSignature, packageAd(reportId, id)) as EscalationPackage,
    reason: open(dto.reason, dto.reasonSignature, reasonAd(reportId, id)) as { text: string },
  };
}

/** The next signed message of a chained thread (the CdR-school thread under K_esc, or the pupil
 * thread under K_thread), as the body of the messages endpoints. */
export function composeChained(
  sodium: Sodium,
  args: {
    key: Uint8Array;
    reportId: string;
    messages: ThreadMessageDto[];
    text: string;
    authorRole: AuthorRole;
    signSecretKey: Uint8Array;
  },
) {
  const last = args.messages.at(-1);
  const msg = composeMessage(sodium, {
    threadKey: args.key,
    reportId: args.reportId,
    tip: last ? { seq: last.seq, blob: fromB64(last.blob) } : null,
    content: { v: 1, text: args.text },
    authorRole: args.authorRole,
    signSecretKey: args.signSecretKey,
  });
  return {
    id: msg.id,
    seq: msg.seq,
    blob: toB64(msg.blob),
    signature: toB64(msg.signature ?? new Uint8Array()),
  };
}

/** Decrypts a chained thread in order, checking each staff signature with the author's key. */
export function readChained(
  sodium: Sodium,
  key: Uint8Array,
  reportId: string,
  messages: ThreadMessageDto[],
): { authorRole: string; text: string }[] {
  let prevHash = GENESIS_HASH;
  return messages.map((m) => {
    const blob = fromB64(m.blob);
    const ad: ItemAd = {
      reportId,
      kind: 'message',
      itemId: m.id,
      authorRole: m.authorRole,
      seq: m.seq,
      prevHash,
    };
    if (m.signature && m.author) {
      verifyItem(sodium, fromB64(m.author.signPublicKey), fromB64(m.signature), blob, ad);
    }
    const content = decryptItem(sodium, key, blob, ad) as { text: string };
    prevHash = chainHash(sodium, blob);
    return { authorRole: m.authorRole, text: content.text };
  });
}

/** An outcome with a signed note under K_esc, as the body of POST .../outcomes. */
export function composeOutcome(
  sodium: Sodium,
  args: { escKey: Uint8Array; reportId: string; signSecretKey: Uint8Array; text: string },
) {
  const id = crypto.randomUUID();
  const ad = outcomeAd(args.reportId, id);
  const note = encryptItem(sodium, args.escKey, { v: 1, text: args.text }, ad);
  return {
    id,
    note: toB64(note),
    signature: toB64(signItem(sodium, args.signSecretKey, note, ad)),
  };
}
