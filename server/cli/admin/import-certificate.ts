// `import-certificate --file FILE`: the server half of certifying offline. The root key never
// leaves the offline machine, where `sign-certificate --out FILE` signs the public keys the
// schools page lists; the file (public data: a certificate) is carried to the server and imported
// here. The import checks what browsers will check, against the root public key the web app pins,
// and what `--apply` checks: the organisation exists under that kind and name, the version is above
// the current one, and the keys are the ones a member's browser proposed [Note: key rotation].
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import {
  fingerprint,
  fromB64,
  verifyCertificate,
  type SignedCertificate,
  type Sodium,
} from '../../../shared/crypto/index.ts';
import { loadConfig } from '../../config.ts';
import { getSetting } from '../../db/repositories/settings.ts';
import { publicKeyFlag, required, type Flags } from './args.ts';
import { applyCertificate, type CertificateRequest } from './certificate.ts';
import { withDatabase } from './commands.ts';

const CertificateFileSchema = v.object({
  body: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,2000}$/)),
  signature: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{86}$/)),
});

function readCertificateFile(path: string): SignedCertificate {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`cannot read ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not JSON: give the file sign-certificate --out wrote`);
  }
  const parsed = v.safeParse(CertificateFileSchema, json);
  if (!parsed.success) {
    throw new Error(`${path} is not a certificate: give the file sign-certificate --out wrote`);
  }
  return parsed.output;
}

export async function importCertificate(sodium: Sodium, flags: Flags): Promise<void> {
  const cert = readCertificateFile(required(flags, 'file'));
  const config = loadConfig();
  await withDatabase(async (handle) => {
    // The root public key: --root-public, else ROOT_PUBLIC_KEY (the one the build pinned), else
    // the one the demo set-up recorded. Never the signer's word inside the file.
    const given =
      flags['root-public'] !== undefined
        ? publicKeyFlag(flags, 'root-public')
        : (config.rootPublicKey ?? (await getSetting(handle.db, 'root_public_key')));
    if (given === undefined) {
      throw new Error(
        'no root public key to check the certificate with: set ROOT_PUBLIC_KEY (the key the web app was built with) or give --root-public KEY',
      );
    }
    const rootPublicKey = typeof given === 'string' ? fromB64(given) : given;
    let body;
    try {
      body = verifyCertificate(sodium, rootPublicKey, cert);
    } catch {
      throw new Error(
        'the certificate is not signed by the municipality root key the web app pins: refused',
      );
    }
    const request: CertificateRequest = {
      orgId: body.orgId,
      kind: body.kind,
      name: body.name,
      boxPublicKey: body.boxPublicKey,
      signPublicKey: body.signPublicKey,
      version: body.version,
    };
    console.error(
      `Organisation key fingerprint (compare with the member's screen): ${fingerprint(sodium, body.boxPublicKey)}`,
    );
    // Checked inside the transaction that inserts it: organisation, kind, name, version, proposal.
    await applyCertificate(handle, request, cert, new Date());
    console.log(`Imported: version ${body.version} is now current for ${body.name}.`);
  });
}
