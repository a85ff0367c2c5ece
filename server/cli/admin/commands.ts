// The admin commands. Each prints public data only: public keys, fingerprints, certificates.
import { existsSync } from 'node:fs';
import { fingerprint, type Sodium } from '../../../shared/crypto/index.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase, type DatabaseHandle } from '../../db/dialect.ts';
import { writePrivateFile } from '../../private-files.ts';
import {
  currentCertificateVersion,
  findOrganisationRow,
} from '../../db/repositories/organisations.ts';
import {
  kindFlag,
  nameFlag,
  publicKeyFlag,
  required,
  uuidFlag,
  versionFlag,
  type Flags,
} from './args.ts';
import {
  applyCertificate,
  checkApplicable,
  signRequest,
  type CertificateRequest,
} from './certificate.ts';
import { readNewPassphrase, readPassphrase } from './passphrase.ts';
import { newKeyFile, readPublicKey, reprotectRootKeyFile, unlockRootKey } from './root-key-file.ts';

export async function createRoot(sodium: Sodium, flags: Flags): Promise<void> {
  const { out, publicKey } = await newKeyFile(sodium, flags, 'root key');
  console.log(`Root key written to ${out} (keep it offline; the passphrase opens it).`);
  console.log(`Public key (ROOT_PUBLIC_KEY): ${publicKey}`);
  console.log(`Fingerprint: ${fingerprint(sodium, readPublicKey(out))}`);
}

export async function changePassphrase(sodium: Sodium, flags: Flags): Promise<void> {
  const from = required(flags, 'key');
  const to = required(flags, 'out');
  if (existsSync(to)) throw new Error(`${to} exists already: a root key is never overwritten`);
  const oldPassphrase = await readPassphrase({ confirm: false });
  const publicKey = reprotectRootKeyFile(
    sodium,
    from,
    to,
    oldPassphrase,
    await readNewPassphrase(),
  );
  console.log(`Root key written to ${to} under the new passphrase; its public key is unchanged:`);
  console.log(`Public key (ROOT_PUBLIC_KEY): ${publicKey}`);
  console.log(
    `Destroy ${from} once ${to} opens with the new passphrase (fingerprint --key ${to}).`,
  );
}

export function printFingerprint(sodium: Sodium, flags: Flags): void {
  const key = flags['key'] !== undefined ? readPublicKey(required(flags, 'key')) : undefined;
  console.log(fingerprint(sodium, key ?? publicKeyFlag(flags, 'public')));
}

/** Opens the configured database for the duration of `use`. */
export async function withDatabase<T>(use: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = openDatabase(loadConfig());
  try {
    return await use(handle);
  } finally {
    await handle.close();
  }
}

async function signAndMaybeApply(
  sodium: Sodium,
  flags: Flags,
  request: CertificateRequest,
  handle: DatabaseHandle | undefined,
): Promise<void> {
  const keyFile = required(flags, 'key');
  // Refuse early, before the slow passphrase check, when the database would refuse anyway.
  if (handle) await checkApplicable(handle.db, request);
  const root = unlockRootKey(sodium, keyFile, await readPassphrase({ confirm: false }));
  const now = new Date();
  const cert = signRequest(sodium, root, request, now);
  root.secretKey.fill(0);
  // On stderr (stdout is the certificate): the member who made the key sees the same fingerprint
  // on their screen, so a key swapped on its way to this command is caught by reading it aloud.
  console.error(
    `Organisation key fingerprint (compare with the member's screen): ${fingerprint(sodium, request.boxPublicKey)}`,
  );
  const json = JSON.stringify(cert);
  const out = flags['out'];
  if (typeof out === 'string') {
    // Owner-only like everything the CLIs write [Note: owner-only files]; the certificate is
    // public, so handing it on is a copy away.
    writePrivateFile(out, `${json}\n`, 'wx');
    console.log(`Certificate written to ${out}`);
  } else {
    console.log(json);
  }
  if (handle) {
    await applyCertificate(handle, request, cert, now);
    console.log(`Applied: version ${request.version} is now current for ${request.name}.`);
  }
}

export async function signCertificateCommand(sodium: Sodium, flags: Flags): Promise<void> {
  const request: CertificateRequest = {
    orgId: uuidFlag(flags, 'org-id'),
    kind: kindFlag(flags),
    name: nameFlag(flags),
    boxPublicKey: publicKeyFlag(flags, 'box-pk'),
    signPublicKey: publicKeyFlag(flags, 'sign-pk'),
    version: versionFlag(flags),
  };
  required(flags, 'key');
  if (flags['apply']) {
    await withDatabase((handle) => signAndMaybeApply(sodium, flags, request, handle));
  } else {
    await signAndMaybeApply(sodium, flags, request, undefined);
  }
}

export async function rotateCertificate(sodium: Sodium, flags: Flags): Promise<void> {
  const code = required(flags, 'org');
  const boxPublicKey = publicKeyFlag(flags, 'box-pk');
  const signPublicKey = publicKeyFlag(flags, 'sign-pk');
  required(flags, 'key');
  await withDatabase(async (handle) => {
    const org = await findOrganisationRow(handle.db, { code });
    if (!org) throw new Error(`no organisation with code ${code} in the database`);
    const request: CertificateRequest = {
      orgId: org.id,
      kind: org.kind,
      name: org.name,
      boxPublicKey,
      signPublicKey,
      version: (await currentCertificateVersion(handle.db, org.id)) + 1,
    };
    await signAndMaybeApply(sodium, flags, request, flags['apply'] ? handle : undefined);
  });
}
