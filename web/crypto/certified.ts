// Verifying an organisation's listed certificates against the pinned root key, for the worker
// operations of both apps (kept out of *-ops.ts, whose every export is a worker operation).
import {
  bytesEqual,
  CryptoError,
  verifyCertificate,
  fromB64,
  openOrgKeys,
  type CertificateBody,
  type OrgKeyPair,
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

/**
 * Opens organisation keys sealed to `box` and refuses them unless their public halves are those
 * of the root-verified certificate of that version: anyone, the server included, can seal keys
 * to a public key, so keys count only when the certificate names them.
 */
export function openCertifiedKeys(
  sodium: Sodium,
  sealedKeys: string,
  box: { publicKey: Uint8Array; secretKey: Uint8Array },
  cert: CertificateBody,
): OrgKeyPair {
  const keys = openOrgKeys(sodium, fromB64(sealedKeys), box.publicKey, box.secretKey);
  if (
    !bytesEqual(keys.boxPublicKey, cert.boxPublicKey) ||
    !bytesEqual(keys.signPublicKey, cert.signPublicKey)
  ) {
    throw new CryptoError('certificate_invalid', `key version ${cert.version} is not certified`);
  }
  return keys;
}
