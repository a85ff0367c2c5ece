// Escalation to the CdR [Note: escalation keys]: composing it in the counsellor's browser and
// opening it in the CdR's (or the school's). K_esc is sealed to both organisations; the package
// and the reason are signed items under K_esc; the pupil thread's key may be re-sealed to the CdR.
import * as v from 'valibot';
import type { Sodium } from './sodium.ts';
import { EscalationPackageSchema, type EscalationPackage } from '../protocol/escalations.ts';
import { MessageContentSchema } from '../protocol/content.ts';
import { fromB64, toB64 } from '../envelope/base64url.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import type { AuthorRole } from '../envelope/item-ad.ts';
import { readable } from './content-check.ts';
import { verifyMemberEndorsement } from './endorsement.ts';
import { newUuid } from './ids.ts';
import { decryptItem, encryptItem } from './items.ts';
import { newKey, openSealedKey, sealKey } from './keys.ts';
import { signItem, verifyItem } from './signatures.ts';

export interface ComposedEscalation {
  escKey: Uint8Array;
  escKeySealedCdr: string;
  escKeySealedSchool: string;
  package: string;
  packageSignature: string;
  reason: string;
  reasonSignature: string;
  threadKeySealedCdr: string | null;
}

const packageAd = (reportId: string, escalationId: string) => ({
  reportId,
  kind: 'escalation' as const,
  itemId: escalationId,
  authorRole: 'counsellor' as const,
});
const reasonAd = (reportId: string, escalationId: string) => ({
  ...packageAd(reportId, escalationId),
  kind: 'escalation-reason' as const,
});

export function composeEscalation(
  sodium: Sodium,
  args: {
    reportId: string;
    escalationId: string;
    cdrBoxPublicKey: Uint8Array;
    schoolBoxPublicKey: Uint8Array;
    pkg: EscalationPackage;
    reason: string;
    signSecretKey: Uint8Array;
    /** K_thread, when the conversation with the pupil is handed over. */
    threadKey: Uint8Array | null;
  },
): ComposedEscalation {
  const escKey = newKey(sodium);
  const pkgContent = readable(EscalationPackageSchema, args.pkg);
  const reasonContent = readable(MessageContentSchema, { v: 1, text: args.reason });
  const pkg = encryptItem(sodium, escKey, pkgContent, packageAd(args.reportId, args.escalationId));
  const reasonAdValue = reasonAd(args.reportId, args.escalationId);
  const reason = encryptItem(sodium, escKey, reasonContent, reasonAdValue);
  return {
    escKey,
    escKeySealedCdr: toB64(sealKey(sodium, escKey, args.cdrBoxPublicKey)),
    escKeySealedSchool: toB64(sealKey(sodium, escKey, args.schoolBoxPublicKey)),
    package: toB64(pkg),
    packageSignature: toB64(
      signItem(sodium, args.signSecretKey, pkg, packageAd(args.reportId, args.escalationId)),
    ),
    reason: toB64(reason),
    reasonSignature: toB64(signItem(sodium, args.signSecretKey, reason, reasonAdValue)),
    threadKeySealedCdr: args.threadKey
      ? toB64(sealKey(sodium, args.threadKey, args.cdrBoxPublicKey))
      : null,
  };
}

export interface EscalationAuthor {
  signPublicKey: string;
  boxPublicKey: string;
  endorsement: string | null;
  orgId: string;
}

/** Opens K_esc with the caller's organisation keys and checks who sent what. */
export function openEscalation(
  sodium: Sodium,
  args: {
    reportId: string;
    escalationId: string;
    escKeySealed: string;
    orgBoxPublicKey: Uint8Array;
    orgBoxSecretKey: Uint8Array;
    package: string;
    packageSignature: string;
    reason: string;
    reasonSignature: string;
    createdBy: EscalationAuthor;
    /** Sign keys of the school's verified certificates (the author must be endorsed by one). */
    schoolSignKeys: readonly Uint8Array[];
  },
): { escKey: Uint8Array; pkg: EscalationPackage; reason: string } {
  const escKey = openSealedKey(
    sodium,
    fromB64(args.escKeySealed),
    args.orgBoxPublicKey,
    args.orgBoxSecretKey,
  );
  const author = args.createdBy;
  if (!author.endorsement) throw new CryptoError('bad_signature', 'escalation author not endorsed');
  const signPublicKey = fromB64(author.signPublicKey);
  verifyMemberEndorsement(
    sodium,
    args.schoolSignKeys,
    { orgId: author.orgId, boxPublicKey: fromB64(author.boxPublicKey), signPublicKey },
    fromB64(author.endorsement),
  );
  const pkgBlob = fromB64(args.package);
  const pAd = packageAd(args.reportId, args.escalationId);
  verifyItem(sodium, signPublicKey, fromB64(args.packageSignature), pkgBlob, pAd);
  const reasonBlob = fromB64(args.reason);
  const rAd = reasonAd(args.reportId, args.escalationId);
  verifyItem(sodium, signPublicKey, fromB64(args.reasonSignature), reasonBlob, rAd);
  const pkg = v.safeParse(EscalationPackageSchema, decryptItem(sodium, escKey, pkgBlob, pAd));
  const reason = v.safeParse(MessageContentSchema, decryptItem(sodium, escKey, reasonBlob, rAd));
  if (!pkg.success || !reason.success)
    throw new CryptoError('malformed', 'escalation content has the wrong shape');
  return { escKey, pkg: pkg.output, reason: reason.output.text };
}

/** An outcome note under K_esc, signed by the CdR author. */
export function composeOutcomeNote(
  sodium: Sodium,
  args: {
    escKey: Uint8Array;
    reportId: string;
    text: string;
    signSecretKey: Uint8Array;
    authorRole?: AuthorRole;
  },
) {
  const id = newUuid(sodium);
  const ad = {
    reportId: args.reportId,
    kind: 'outcome' as const,
    itemId: id,
    authorRole: args.authorRole ?? 'cdr',
  };
  const content = readable(MessageContentSchema, { v: 1, text: args.text });
  const note = encryptItem(sodium, args.escKey, content, ad);
  return {
    id,
    note: toB64(note),
    signature: toB64(signItem(sodium, args.signSecretKey, note, ad)),
  };
}

export function openOutcomeNote(
  sodium: Sodium,
  args: {
    escKey: Uint8Array;
    reportId: string;
    id: string;
    note: string;
    signature: string;
    author: EscalationAuthor;
    cdrSignKeys: readonly Uint8Array[];
  },
): string {
  const ad = {
    reportId: args.reportId,
    kind: 'outcome' as const,
    itemId: args.id,
    authorRole: 'cdr' as const,
  };
  const blob = fromB64(args.note);
  if (!args.author.endorsement)
    throw new CryptoError('bad_signature', 'outcome author not endorsed');
  const signPublicKey = fromB64(args.author.signPublicKey);
  verifyMemberEndorsement(
    sodium,
    args.cdrSignKeys,
    { orgId: args.author.orgId, boxPublicKey: fromB64(args.author.boxPublicKey), signPublicKey },
    fromB64(args.author.endorsement),
  );
  verifyItem(sodium, signPublicKey, fromB64(args.signature), blob, ad);
  const parsed = v.safeParse(MessageContentSchema, decryptItem(sodium, args.escKey, blob, ad));
  if (!parsed.success) throw new CryptoError('malformed', 'outcome note has the wrong shape');
  return parsed.output.text;
}
