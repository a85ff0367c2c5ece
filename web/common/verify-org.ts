// Fetches an organisation and checks its certificate against the pinned root key before the app
// trusts any key in it. A certificate that does not verify, or names another organisation, stops
// the app: the server must never be able to swap a school's key.
import { fromB64 } from '../../shared/envelope/base64url.ts';
import type { CertificateBody } from '../../shared/envelope/certificate-body.ts';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import { loadSodium } from '../crypto/sodium.ts';
import { PINNED_ROOT_PUBLIC_KEY } from './pinned-root.ts';

export interface VerifiedOrg {
  org: OrganisationDto;
  certificate: CertificateBody;
  fingerprint: string;
}

export async function verifyOrganisation(org: OrganisationDto): Promise<VerifiedOrg> {
  const [sodium, crypto] = await Promise.all([
    loadSodium(),
    import('../../shared/crypto/index.ts'),
  ]);
  const certificate = crypto.verifyCertificate(
    sodium,
    fromB64(PINNED_ROOT_PUBLIC_KEY),
    org.certificate,
    {
      expectOrgId: org.id,
    },
  );
  if (certificate.kind !== org.kind || certificate.name !== org.name) {
    throw new crypto.CryptoError(
      'certificate_invalid',
      'The certificate names another organisation',
    );
  }
  return { org, certificate, fingerprint: crypto.fingerprint(sodium, certificate.boxPublicKey) };
}
