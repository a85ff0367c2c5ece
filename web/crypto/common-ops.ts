// Operations both apps run in their crypto worker: certificate checks against the pinned root
// key [Note: pinned root key] and against rollback [Note: certificate rollback] (the page passes
// the highest version it has accepted), and opening an attachment's stream.
import {
  CryptoError,
  fingerprint,
  fromB64,
  openAttachmentData,
  verifyCertificate,
  type OpenedAttachment,
} from '../../shared/crypto/index.ts';
import type { CertificateDto, OrganisationDto } from '../../shared/protocol/orgs.ts';
import { PINNED_ROOT_PUBLIC_KEY } from '../common/pinned-root.ts';
import { newestVersion, verifiedCertificates } from './certified.ts';
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

/**
 * The organisation's current certificate, refused as a rollback when it is older than a version
 * the server lists for it or than `minVersion`, the newest this page has accepted.
 */
export async function verifyCurrentOrg(
  org: OrganisationDto,
  certificates: CertificateDto[],
  minVersion = 0,
): Promise<VerifiedOrgKeys> {
  const listed = verifiedCertificates(await loadSodium(), org.id, certificates);
  return verifyOrg(org, newestVersion(listed, minVersion));
}

/**
 * Sign keys of every certificate version that verifies (old replies stay verifiable). A list whose
 * newest version is older than `minVersion` hides a certificate this page has already accepted.
 */
export async function verifiedSignKeys(
  orgId: string,
  certificates: CertificateDto[],
  minVersion = 0,
): Promise<Uint8Array[]> {
  const listed = verifiedCertificates(await loadSodium(), orgId, certificates);
  if (newestVersion(listed) < minVersion) {
    throw new CryptoError('certificate_rollback', `no certificate of version ${minVersion}`);
  }
  return listed.map((c) => c.signPublicKey);
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
