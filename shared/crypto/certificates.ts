// Organisation certificates: the municipality root (Ed25519) signs
// SIGN_DOMAIN.certificate || 0x00 || encodeCertificateBody(body) ([Note: certificate body
// encoding]). Clients verify against the root public key pinned in the build ([Note: pinned root
// key] in vite.config.ts) before they seal anything to an organisation key, and refuse a lower
// version than one they have already seen, so the server can neither swap nor roll back a key.
import type { Sodium } from './sodium.ts';
import { CryptoError } from '../envelope/crypto-error.ts';
import { fromB64, toB64 } from '../envelope/base64url.ts';
import { expectLength } from '../envelope/bytes.ts';
import {
  decodeCertificateBody,
  encodeCertificateBody,
  type CertificateBody,
  type OrgKind,
} from '../envelope/certificate-body.ts';
import { SIGNATURE_BYTES } from '../envelope/layout.ts';
import { SIGN_DOMAIN } from './domains.ts';
import { signedMessage } from './signed-message.ts';

export interface SignedCertificate {
  /** base64url of encodeCertificateBody(body) */
  body: string;
  /** base64url of the 64-byte Ed25519 signature */
  signature: string;
}

export interface VerifyCertificateOptions {
  expectOrgId?: string;
  expectKind?: OrgKind;
  /** The highest version this client has already accepted for the organisation. */
  minVersion?: number;
}

export function signCertificate(
  sodium: Sodium,
  rootSecretKey: Uint8Array,
  body: CertificateBody,
): SignedCertificate {
  expectLength(rootSecretKey, 64, 'root secret key');
  const bytes = encodeCertificateBody(body);
  const signature = sodium.crypto_sign_detached(
    signedMessage(SIGN_DOMAIN.certificate, bytes),
    rootSecretKey,
  );
  return { body: toB64(bytes), signature: toB64(signature) };
}

function invalid(reason: string): CryptoError {
  return new CryptoError('certificate_invalid', reason);
}

export function verifyCertificate(
  sodium: Sodium,
  pinnedRootPublicKey: Uint8Array,
  cert: SignedCertificate,
  opts: VerifyCertificateOptions = {},
): CertificateBody {
  expectLength(pinnedRootPublicKey, 32, 'pinned root public key');
  let bytes: Uint8Array;
  let signature: Uint8Array;
  try {
    bytes = fromB64(cert.body);
    signature = fromB64(cert.signature);
  } catch {
    throw invalid('certificate is not base64url');
  }
  let ok = false;
  try {
    ok =
      signature.length === SIGNATURE_BYTES &&
      sodium.crypto_sign_verify_detached(
        signature,
        signedMessage(SIGN_DOMAIN.certificate, bytes),
        pinnedRootPublicKey,
      );
  } catch {
    ok = false;
  }
  if (!ok) throw invalid('certificate not signed by the pinned root key');
  let body: CertificateBody;
  try {
    body = decodeCertificateBody(bytes);
  } catch {
    throw invalid('certificate body does not decode');
  }
  if (opts.expectOrgId !== undefined && body.orgId !== opts.expectOrgId.toLowerCase()) {
    throw invalid('certificate belongs to another organisation');
  }
  if (opts.expectKind !== undefined && body.kind !== opts.expectKind) {
    throw invalid(`certificate is not for a ${opts.expectKind}`);
  }
  if (opts.minVersion !== undefined && body.version < opts.minVersion) {
    throw new CryptoError('certificate_rollback', `version ${body.version} < ${opts.minVersion}`);
  }
  return body;
}
