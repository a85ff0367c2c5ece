// `npm run admin -- <command>`: the offline municipality root key and the certificates it signs,
// the release key and the signed release manifest, and the administrator's account (usage in admin/help.ts). Errors are one line and a non-zero
// exit (runCli); no secret key or passphrase is ever printed.
import { loadSodium } from '../crypto/sodium.ts';
import { parseCommand } from './admin/args.ts';
import {
  changePassphrase,
  createRoot,
  printFingerprint,
  rotateCertificate,
  signCertificateCommand,
  withDatabase,
} from './admin/commands.ts';
import { copyToPostgres } from './admin/copy-to-postgres.ts';
import { createAdmin } from './admin/create-admin.ts';
import { importCertificate } from './admin/import-certificate.ts';
import { USAGE } from './admin/help.ts';
import { createReleaseKey, endorseReleaseKey, signRelease } from './admin/release.ts';
import { runCli } from './run-cli.ts';

await runCli(async () => {
  const { command, flags } = parseCommand(process.argv.slice(2));
  if (command === 'help') {
    console.log(USAGE);
    return;
  }
  const sodium = await loadSodium();
  switch (command) {
    case 'create-root':
      return createRoot(sodium, flags);
    case 'change-passphrase':
      return changePassphrase(sodium, flags);
    case 'fingerprint':
      return printFingerprint(sodium, flags);
    case 'sign-certificate':
      return signCertificateCommand(sodium, flags);
    case 'rotate-certificate':
      return rotateCertificate(sodium, flags);
    case 'create-release-key':
      return createReleaseKey(sodium, flags);
    case 'endorse-release-key':
      return endorseReleaseKey(sodium, flags);
    case 'sign-release':
      return signRelease(sodium, flags);
    case 'import-certificate':
      return importCertificate(sodium, flags);
    case 'copy-to-postgres':
      return copyToPostgres(flags);
    case 'create-admin':
      return withDatabase((handle) => createAdmin(sodium, flags, handle));
    default:
      throw new Error(`unknown command ${command} (see npm run admin -- help)`);
  }
});
