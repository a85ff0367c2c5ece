// The cryptographic operations the web app runs in its Web Worker (worker.ts proxies calls here),
// so Argon2id, proof of work and encryption never freeze the page on a cheap tablet. Every input
// and output is structured-clonable; no state is kept here between calls.
import {
  composeAttachment,
  composeMessage,
  composeReport,
  deriveReceiptKeys,
  fingerprint,
  fromB64,
  openAttachmentData,
  openThread,
  openThreadKey,
  solvePow,
  verifyCertificate,
  type ChainTip,
  type OpenedAttachment,
  type SchoolKeys,
} from '../../shared/crypto/index.ts';
import type { MessageContent, ReportContent } from '../../shared/protocol/content.ts';
import type { CertificateDto, OrganisationDto } from '../../shared/protocol/orgs.ts';
import type { PupilThreadDto } from '../../shared/protocol/pupil.ts';
import { PINNED_ROOT_PUBLIC_KEY } from '../common/pinned-root.ts';
import { loadSodium } from './sodium.ts';

export interface VerifiedOrgKeys {
  orgId: string;
  kind: 'school' | 'cdr';
  name: string;
  version: number;
  boxPublicKey: Uint8Array;
  signPublicKey: Uint8Array;
  fingerprint: string;
}

/** Checks an organisation's certificate against the pinned root key [Note: pinned root key]. */
export async function verifyOrg(
  org: OrganisationDto,
  minVersion?: number,
): Promise<VerifiedOrgKeys> {
  const sodium = await loadSodium();
  const cert = verifyCertificate(sodium, fromB64(PINNED_ROOT_PUBLIC_KEY), org.certificate, {
    expectOrgId: org.id,
    expectKind: org.kind,
    ...(minVersion === undefined ? {} : { minVersion }),
  });
  if (cert.name !== org.name) throw new Error('certificate names another organisation');
  return {
    orgId: cert.orgId,
    kind: cert.kind,
    name: cert.name,
    version: cert.version,
    boxPublicKey: cert.boxPublicKey,
    signPublicKey: cert.signPublicKey,
    fingerprint: fingerprint(sodium, cert.boxPublicKey),
  };
}

/** Sign keys of every certificate version that verifies (old replies stay verifiable). */
export async function verifiedSignKeys(
  orgId: string,
  certificates: CertificateDto[],
): Promise<Uint8Array[]> {
  const sodium = await loadSodium();
  const root = fromB64(PINNED_ROOT_PUBLIC_KEY);
  return certificates.map(
    (c) => verifyCertificate(sodium, root, c, { expectOrgId: orgId }).signPublicKey,
  );
}

export async function prepareReport(school: SchoolKeys, content: ReportContent) {
  return composeReport(await loadSodium(), school, content);
}

export async function answerChallenge(challenge: string, bits: number): Promise<string> {
  return solvePow(await loadSodium(), challenge, bits);
}

export async function deriveReceipt(code: string, receiptSalt: string) {
  return deriveReceiptKeys(await loadSodium(), code, fromB64(receiptSalt));
}

export async function openPupilThread(
  pupilKey: Uint8Array,
  thread: PupilThreadDto,
  orgSignPublicKeys: Uint8Array[],
  orgIds: { school: string; cdr?: string },
) {
  const sodium = await loadSodium();
  const threadKey = openThreadKey(sodium, pupilKey, thread);
  return openThread(sodium, threadKey, thread, orgSignPublicKeys, orgIds);
}

export async function preparePupilMessage(
  threadKey: Uint8Array,
  reportId: string,
  tip: ChainTip | null,
  content: MessageContent,
) {
  return composeMessage(await loadSodium(), {
    threadKey,
    reportId,
    tip,
    content,
    authorRole: 'pupil',
  });
}

export async function preparePupilAttachment(
  threadKey: Uint8Array,
  reportId: string,
  file: { name: string; type: string; bytes: Uint8Array },
) {
  return composeAttachment(await loadSodium(), {
    threadKey,
    reportId,
    authorRole: 'pupil',
    ...file,
  });
}

export async function openAttachment(
  attachment: OpenedAttachment,
  data: Uint8Array,
): Promise<Uint8Array> {
  return openAttachmentData(await loadSodium(), attachment, data);
}

export async function rootFingerprint(): Promise<string> {
  return fingerprint(await loadSodium(), fromB64(PINNED_ROOT_PUBLIC_KEY));
}
