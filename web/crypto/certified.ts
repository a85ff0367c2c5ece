// Verifying an organisation's listed certificates against the pinned root key, for the worker
// operations of both apps (kept out of *-ops.ts, whose every export is a worker operation).
import {
  verifyCertificate,
  fromB64,
  type CertificateBody,
  type Sodium,
} from '../../shared/crypto/index.ts';
import type { CertificateDto } from '../../shared/protocol/orgs.ts';
import { PINNED_ROOT_PUBLIC_KEY } from '../common/pinned-root.ts';

/** Every listed certificate of an organisation, each verified; one that does not verify throws. */
export function verifiedCertificates(
  sodium: Sodium,
  orgId: string,
  certificates: readonly CertificateDto[],
): CertificateBody[] {
  const root = fromB64(PINNED_ROOT_PUBLIC_KEY);
  return certificates.map((c) => verifyCertificate(sodium, root, c, { expectOrgId: orgId }));
}

/** The highest version among `certs`, and never below `floor`. */
export const newestVersion = (certs: readonly CertificateBody[], floor = 0): number =>
  certs.reduce((max, c) => Math.max(max, c.version), floor);
