// The files the demo set-up leaves in the data directory: the root public key the web build pins
// [Note: pinned root key], the passphrase-protected root key (what the administrator CLI uses),
// and the demo credentials, readable by the owner only. None of them exists outside demo mode
// unless an administrator creates the root key with the CLI.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateDir, writePrivateFile } from '../private-files.ts';
import { totpUri } from '../services/totp.ts';
import type { DemoResult } from './seed-demo.ts';

export const rootPublicKeyPath = (dataDir: string) => join(dataDir, 'root-public-key');
export const rootKeyFilePath = (dataDir: string) => join(dataDir, 'root-key.json');
export const demoCredentialsPath = (dataDir: string) => join(dataDir, 'demo-credentials.txt');

export function formatCredentials(result: DemoResult): string {
  const rows = result.accounts.map(
    (a) => `  ${a.login.padEnd(30)} ${a.password.padEnd(24)} ${a.role.padEnd(15)} ${a.org}`,
  );
  return [
    'DEMO MUNICIPALITY "Przykładowo" (demo data only: never use these accounts for real cases)',
    `Root key fingerprint: ${result.rootFingerprint}`,
    `Root key passphrase (for npm run admin): ${result.rootPassphrase}`,
    '',
    `  ${'login'.padEnd(30)} ${'password'.padEnd(24)} ${'role'.padEnd(15)} organisation`,
    ...rows,
    '',
    'Sign-in also asks for a 6-digit code: add each TOTP secret to an authenticator app',
    '(type the secret, or turn the otpauth:// line into a QR code):',
    ...result.accounts.flatMap((a) => [
      `  ${a.login.padEnd(30)} ${a.totpSecret}`,
      `  ${''.padEnd(30)} ${totpUri(a.totpSecret, a.login)}`,
    ]),
    '',
    'Recovery keys (print and keep apart from the passwords):',
    ...result.accounts.map((a) => `  ${a.login.padEnd(30)} ${a.recoveryKey}`),
    '',
    'Emergency keys of the organisations (the school recovery key, kept by the head; it restores',
    'access when every member lost their password, see docs/administration.md):',
    ...result.recoveryKeys.map((r) => `  ${r.code.padEnd(30)} ${r.recoveryKey}`),
    '',
  ].join('\n');
}

export function writeDemoFiles(dataDir: string, result: DemoResult): void {
  // Owner-only, the public key too: everything in DATA_DIR is [Note: owner-only files]; the web
  // build that pins it runs as the same user. On PostgreSQL nothing else has made the folder yet.
  privateDir(dataDir);
  writePrivateFile(rootPublicKeyPath(dataDir), `${result.rootPublicKey}\n`);
  writePrivateFile(rootKeyFilePath(dataDir), `${result.rootKeyFile}\n`);
  writePrivateFile(demoCredentialsPath(dataDir), formatCredentials(result));
}

export function readDemoCredentials(dataDir: string): string | undefined {
  const path = demoCredentialsPath(dataDir);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
