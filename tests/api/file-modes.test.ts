// [Note: owner-only files] What the server and its CLIs leave in DATA_DIR is the owner's alone:
// after `npm start`'s prepare step (the database, the demo credentials, the root key files), with
// the SQLite database open and written (its -wal and -shm files), after a backup (the default
// backups/ folder and a named file), after a restore from a world-readable copy, and after the
// administrator CLI made a root key and a certificate, every file is 0600 and every folder 0700. A database an older version left 0644 is tightened when opened.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateOrgKeys, toB64 } from '../../shared/crypto/index.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase } from '../../server/db/dialect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { runScript } from '../tools/cli-process.ts';
import { createPostgresDatabase, DIALECTS } from './test-db.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

/** Every file and folder under `dir` with its mode, folders included. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = { '.': mode(dir).toString(8) };
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    out[entry] = mode(join(dir, entry)).toString(8);
  }
  return out;
}

/** The same entries, each with the owner-only mode of its kind. */
function ownerOnly(dir: string, found: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(found).map((entry) => [
      entry,
      statSync(join(dir, entry)).isDirectory() ? '700' : '600',
    ]),
  );
}

const env = (dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env['PATH'],
  HOME: process.env['HOME'],
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  ...extra,
});

const expectOk = (result: { status: number | null; stdout: string; stderr: string }) =>
  expect(result.status, result.stdout + result.stderr).toBe(0);

describe.each(DIALECTS)('files in DATA_DIR on %s', (dialect) => {
  it('are owner-only after the prepare step', { timeout: 180_000 }, async () => {
    // A folder that does not exist yet: prepare makes it (on PostgreSQL too, for the demo files).
    const dataDir = join(mkdtempSync(join(tmpdir(), 'modes-')), 'data');
    const extra: NodeJS.ProcessEnv =
      dialect === 'postgres' ? { DATABASE_URL: await createPostgresDatabase() } : {};
    expectOk(await runScript('server/cli/prepare.ts', [], env(dataDir, extra)));
    const found = modes(dataDir);
    expect(Object.keys(found)).toEqual(
      expect.arrayContaining(['demo-credentials.txt', 'root-key.json', 'root-public-key']),
    );
    if (dialect === 'sqlite') expect(Object.keys(found)).toContain('app.sqlite');
    expect(found).toEqual(ownerOnly(dataDir, found));
  });
});

describe('the administrator CLI', () => {
  it('writes the root key file and a certificate owner-only', { timeout: 120_000 }, async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'modes-admin-')), 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    const adminEnv = env(dataDir, { ADMIN_PASSPHRASE: 'test root passphrase, not a real one' });
    const keyFile = join(dataDir, 'root-key.json');
    expectOk(await runScript('server/cli/admin.ts', ['create-root', '--out', keyFile], adminEnv));
    const keys = generateOrgKeys(await loadSodium());
    const args = ['sign-certificate', '--key', keyFile, '--org-id', crypto.randomUUID()];
    args.push('--kind', 'school', '--name', 'SP 9', '--version', '1');
    args.push('--box-pk', toB64(keys.boxPublicKey), '--sign-pk', toB64(keys.signPublicKey));
    args.push('--out', join(dataDir, 'certificate.json'));
    expectOk(await runScript('server/cli/admin.ts', args, adminEnv));
    const found = modes(dataDir);
    expect(Object.keys(found)).toEqual(
      expect.arrayContaining(['root-key.json', 'certificate.json']),
    );
    expect(found).toEqual(ownerOnly(dataDir, found));
  });
});

describe('SQLite files', () => {
  it('the database and its -wal and -shm files are owner-only while it is in use', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'modes-live-')), 'data');
    const handle = openDatabase({ dataDir });
    try {
      await migrateToLatest(handle.db);
      const files = readdirSync(dataDir);
      expect(files).toEqual(
        expect.arrayContaining(['app.sqlite', 'app.sqlite-wal', 'app.sqlite-shm']),
      );
      const found = modes(dataDir);
      expect(found).toEqual(ownerOnly(dataDir, found));
    } finally {
      await handle.close();
    }
  });

  it('a database an older version left world-readable is tightened when opened', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'modes-old-'));
    const path = join(dataDir, 'app.sqlite');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    writeFileSync(`${path}-wal`, '');
    chmodSync(`${path}-wal`, 0o644);
    const handle = openDatabase({ dataDir });
    try {
      expect(mode(path)).toBe(0o600);
      await migrateToLatest(handle.db);
      expect(mode(path)).toBe(0o600);
      expect(mode(`${path}-wal`)).toBe(0o600);
    } finally {
      await handle.close();
    }
  });

  it('backups and a restored database are owner-only', { timeout: 60_000 }, async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'modes-backup-')), 'data');
    const handle = openDatabase({ dataDir });
    await migrateToLatest(handle.db);
    await handle.close();
    // The default place, DATA_DIR/backups/, and a file the administrator names.
    expectOk(await runScript('server/cli/backup.ts', [], env(dataDir)));
    const named = join(mkdtempSync(join(tmpdir(), 'modes-named-')), 'copy.sqlite');
    expectOk(await runScript('server/cli/backup.ts', [named], env(dataDir)));
    expect(mode(named)).toBe(0o600);
    const found = modes(dataDir);
    expect(Object.keys(found).some((f) => /^backups\/app-\d{8}-\d{6}\.sqlite$/.test(f))).toBe(true);
    expect(found).toEqual(ownerOnly(dataDir, found));

    // A copy someone made world-readable restores owner-only.
    chmodSync(named, 0o644);
    const restoredDir = join(mkdtempSync(join(tmpdir(), 'modes-restore-')), 'data');
    expectOk(await runScript('server/cli/restore.ts', [named], env(restoredDir)));
    const restored = modes(restoredDir);
    expect(Object.keys(restored)).toContain('app.sqlite');
    expect(restored).toEqual(ownerOnly(restoredDir, restored));
  });
});
