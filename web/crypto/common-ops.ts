// Operations both apps run in their crypto worker: certificate checks against the pinned root
// key [Note: pinned root key], and opening an attachment's stream.
import {
  fingerprint,
  fromB64,
  openAttachmentData,
  verifyCertificate,
  type OpenedAttachment,
} from '../../shared/crypto/index.ts';
import type { CertificateDto, OrganisationDto } from '../../shared/protocol/orgs.ts';
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

export async function openAttachment(
  attachment: OpenedAttachment,
  data: Uint8Array,
): Promise<Uint8Array> {
  return openAttachmentData(await loadSodium(), attachment, data);
}

export async function rootFingerprint(): Promise<string> {
  return fingerprint(await loadSodium(), fromB64(PINNED_ROOT_PUBLIC_KEY));
}
