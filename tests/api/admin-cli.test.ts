// `npm run admin`: the offline root key and the certificates it signs, driven as an administrator
// would, in a child process with ADMIN_PASSPHRASE instead of a terminal. Applying a certificate is
// tried on both dialects, over a database `npm start`'s prepare step filled with the demo.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/dialect.ts';
import { listAudit } from '../../server/db/repositories/audit.ts';
import { findOrganisation, listCertificates } from '../../server/db/repositories/organisations.ts';
import { DEFAULT_RATE_LIMITS } from '../../server/middleware/rate-limit.ts';
import { silentLogger } from '../../server/middleware/request-log.ts';
import { findPendingKey, savePendingKey } from '../../server/services/pending-keys.ts';
import {
  decodeCertificateBody,
  fingerprint,
  fromB64,
  generateOrgKeys,
  toB64,
  unprotectRootKey,
  verifyCertificate,
  type RootKeyFile,
  type SignedCertificate,
} from '../../shared/crypto/index.ts';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import { captureAlerts } from '../tools/alert-capture.ts';
import { runScript, signCertificateArgs } from '../tools/cli-process.ts';
import { viaApp } from '../tools/pupil-client.ts';
import { staffLogin } from '../tools/staff-login.ts';
import { createPostgresDatabase, DIALECTS } from './test-db.ts';

const PASSPHRASE = 'test root passphrase, not a real one';
const ORG_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

function baseEnv(dataDir: string, passphrase = PASSPHRASE): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    DATA_DIR: dataDir,
    ADMIN_PASSPHRASE: passphrase,
  };
}

const admin = (args: string[], env: NodeJS.ProcessEnv) =>
  runScript('server/cli/admin.ts', args, env);

/** Secrets must never reach the terminal, on success or failure. */
function expectNoSecret(output: string, passphrase: string) {
  expect(output).not.toContain(passphrase);
}

/** The real app over the database the commands wrote to. */
const appOn = (handle: DatabaseHandle) =>
  createApp({
    db: handle.db,
    dialect: handle.dialect,
    clock: () => new Date(),
    log: silentLogger,
    pupil: { powBits: 0, powSecret: new Uint8Array(32), limits: DEFAULT_RATE_LIMITS },
    alerts: captureAlerts(),
    secureTransport: false,
  });

const newKeys = async () => {
  const keys = generateOrgKeys(await loadSodium());
  return { box: toB64(keys.boxPublicKey), sign: toB64(keys.signPublicKey) };
};

describe('admin root key', () => {
  it('creates a protected root key that opens with its passphrase only', async () => {
    const sodium = await loadSodium();
    const dir = mkdtempSync(join(tmpdir(), 'admin-'));
    const keyFile = join(dir, 'root.json');
    const env = baseEnv(dir);

    const created = await admin(['create-root', '--out', keyFile], env);
    expect(created.status, created.stderr).toBe(0);
    expectNoSecret(created.stdout + created.stderr, PASSPHRASE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const printedKey = /Public key \(ROOT_PUBLIC_KEY\): ([A-Za-z0-9_-]{43})\n/.exec(
      created.stdout,
    )?.[1];
    const printedFp = /Fingerprint: ([\d ]+)\n/.exec(created.stdout)?.[1];

    const file = JSON.parse(readFileSync(keyFile, 'utf8')) as RootKeyFile;
    const root = unprotectRootKey(sodium, file, PASSPHRASE);
    expect(toB64(root.publicKey)).toBe(printedKey);
    expect(printedFp).toBe(fingerprint(sodium, root.publicKey));
    expect(readFileSync(keyFile, 'utf8')).not.toContain(toB64(root.secretKey));

    const fromFile = await admin(['fingerprint', '--key', keyFile], env);
    expect(fromFile.stdout.trim()).toBe(printedFp);
    const fromKey = await admin(['fingerprint', '--public', printedKey ?? ''], env);
    expect(fromKey.stdout.trim()).toBe(printedFp);

    const again = await admin(['create-root', '--out', keyFile], env);
    expect(again.status).not.toBe(0);
    expect(again.stderr.trim()).toMatch(/exists already/);
    expect(
      unprotectRootKey(sodium, JSON.parse(readFileSync(keyFile, 'utf8')) as RootKeyFile, PASSPHRASE)
        .publicKey,
    ).toEqual(root.publicKey);

    const keys = await newKeys();
    const wrong = 'a wrong passphrase, typed by mistake';
    const refused = await admin(
      signCertificateArgs({
        key: keyFile,
        org: { id: ORG_ID, name: 'SP 9' },
        kind: 'school',
        keys,
        version: '1',
      }),
      baseEnv(dir, wrong),
    );
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toEqual([
      'Error: wrong passphrase for the root key file (or the file was altered)',
    ]);
    expectNoSecret(refused.stderr, wrong);
  });

  it('signs a certificate that verifies against the printed public key, and refuses bad flags', async () => {
    const sodium = await loadSodium();
    const dir = mkdtempSync(join(tmpdir(), 'admin-'));
    const keyFile = join(dir, 'root.json');
    const env = baseEnv(dir);
    const created = await admin(['create-root', '--out', keyFile], env);
    const rootKey = /ROOT_PUBLIC_KEY\): (\S+)/.exec(created.stdout)?.[1] ?? '';
    const keys = await newKeys();
    const flags = [
      '--key',
      keyFile,
      '--org-id',
      ORG_ID,
      '--kind',
      'cdr',
      '--name',
      'Centrum dla Rodzin',
      // The `=` form: a base64url key may begin with "-" (see signCertificateArgs).
      `--box-pk=${keys.box}`,
      `--sign-pk=${keys.sign}`,
    ];

    const signed = await admin(['sign-certificate', ...flags, '--version', '3'], env);
    expect(signed.status, signed.stderr).toBe(0);
    const cert = JSON.parse(signed.stdout) as SignedCertificate;
    const body = verifyCertificate(sodium, fromB64(rootKey), cert, {
      expectOrgId: ORG_ID,
      expectKind: 'cdr',
    });
    expect(body).toMatchObject({
      orgId: ORG_ID,
      kind: 'cdr',
      name: 'Centrum dla Rodzin',
      version: 3,
    });
    expect(toB64(body.boxPublicKey)).toBe(keys.box);
    expect(toB64(body.signPublicKey)).toBe(keys.sign);
    expect(Math.abs(body.issuedAt - Date.now() / 1000)).toBeLessThan(120);

    for (const [bad, message] of [
      [['--version', '0'], /--version must be/],
      [['--version', '2', '--kind', 'gmina'], /--kind must be school or cdr/],
      [['--version', '2', '--box-pk', 'short'], /--box-pk must be a 32-byte/],
      [['--version', '2', '--org-id', 'SP1'], /--org-id must be a UUID/],
    ] as const) {
      const result = await admin(['sign-certificate', ...flags, ...bad], env);
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toMatch(message);
    }
    const usage = await admin(['help'], env);
    expect(usage.stdout).toMatch(/never holds an organisation's secret keys/);
  });
});

describe.each(DIALECTS)('admin certificates applied on %s', (dialect) => {
  it('puts a higher version in force and refuses a rollback', async () => {
    const sodium = await loadSodium();
    const dir = mkdtempSync(join(tmpdir(), 'admin-apply-'));
    const env: NodeJS.ProcessEnv = { ...baseEnv(dir), LOG_LEVEL: 'silent', DEMO: '1' };
    if (dialect === 'postgres') env['DATABASE_URL'] = await createPostgresDatabase();
    const prepared = await runScript('server/cli/prepare.ts', [], env);
    expect(prepared.stdout, prepared.stderr).toContain('Demo municipality created.');
    const credentials = readFileSync(join(dir, 'demo-credentials.txt'), 'utf8');
    env['ADMIN_PASSPHRASE'] = /Root key passphrase \(for npm run admin\): (\S+)/.exec(
      credentials,
    )?.[1];
    const rootKey = fromB64(readFileSync(join(dir, 'root-public-key'), 'utf8').trim());
    const keyFile = join(dir, 'root-key.json');

    const handle = openDatabase({ dataDir: dir, databaseUrl: env['DATABASE_URL'] });
    try {
      const app = appOn(handle);
      const school = await findOrganisation(handle.db, { code: 'SP1' });
      if (!school) throw new Error('demo school SP1 missing');
      const keys = await newKeys();
      const sign = (version: string) =>
        admin(
          [
            ...signCertificateArgs({ key: keyFile, org: school, kind: 'school', keys, version }),
            '--apply',
          ],
          env,
        );

      // Keys no member proposed are refused: nobody would hold their secret halves.
      const unproposed = await sign('2');
      expect(unproposed.status).toBe(1);
      expect(unproposed.stderr).toMatch(/no member proposed a key version 2/);
      const other = await newKeys();
      await savePendingKey(handle.db, school.id, {
        version: 2,
        boxPublicKey: other.box,
        signPublicKey: other.sign,
      });
      const mismatched = await sign('2');
      expect(mismatched.status).toBe(1);
      expect(mismatched.stderr).toMatch(/not the ones a member proposed for version 2/);
      // What a member's browser proposes (POST /api/staff/org-key/versions, key-rotation.test.ts).
      await savePendingKey(handle.db, school.id, {
        version: 2,
        boxPublicKey: keys.box,
        signPublicKey: keys.sign,
      });
      const applied = await sign('2');
      expect(applied.status, applied.stderr).toBe(0);
      expect(await findPendingKey(handle.db, school.id)).toBeUndefined();
      expect(applied.stdout).toContain('Applied: version 2');
      const dto = (await (await app.request(`/api/orgs/${school.id}`)).json()) as OrganisationDto;
      const body = verifyCertificate(sodium, rootKey, dto.certificate, {
        expectOrgId: school.id,
        minVersion: 2,
      });
      expect(toB64(body.boxPublicKey)).toBe(keys.box);
      expect(body.version).toBe(2);

      for (const version of ['2', '1']) {
        const refused = await sign(version);
        expect(refused.status).toBe(1);
        expect(refused.stderr.trim()).toMatch(
          /not above the current version 2: refusing a rollback/,
        );
      }
      expect((await listCertificates(handle.db, school.id)).map((c) => c.version)).toEqual([1, 2]);

      // The shortcut: id, kind, name and version come from the database.
      const cdrKeys = await newKeys();
      const cdr = await findOrganisation(handle.db, { code: 'CDR' });
      if (!cdr) throw new Error('demo CdR missing');
      await savePendingKey(handle.db, cdr.id, {
        version: 2,
        boxPublicKey: cdrKeys.box,
        signPublicKey: cdrKeys.sign,
      });
      const rotated = await admin(
        [
          'rotate-certificate',
          '--key',
          keyFile,
          '--org',
          'CDR',
          '--box-pk',
          cdrKeys.box,
          '--sign-pk',
          cdrKeys.sign,
          '--apply',
        ],
        env,
      );
      expect(rotated.status, rotated.stderr).toBe(0);
      const cdrDto = (await (await app.request('/api/orgs/by-code/CDR')).json()) as OrganisationDto;
      const cdrBody = decodeCertificateBody(fromB64(cdrDto.certificate.body));
      expect(cdrBody.kind).toBe('cdr');
      expect(cdrBody.version).toBe(2);
      expect(toB64(cdrBody.signPublicKey)).toBe(cdrKeys.sign);
    } finally {
      await handle.close();
    }
  });

  it('creates the administrator account of a real deployment, which then signs in', async () => {
    const sodium = await loadSodium();
    const dir = mkdtempSync(join(tmpdir(), 'admin-account-'));
    const env: NodeJS.ProcessEnv = { ...baseEnv(dir), LOG_LEVEL: 'silent', DEMO: '0' };
    if (dialect === 'postgres') env['DATABASE_URL'] = await createPostgresDatabase();
    // The first command on an empty database: it migrates it itself.
    const password = 'hasło administratora gminy';
    const create = (login: string, pw = password) =>
      admin(['create-admin', '--login', login, '--name', 'Administrator gminy'], {
        ...env,
        ADMIN_PASSWORD: pw,
      });
    expect((await create('not-an-address')).stderr).toMatch(/--login must be an e-mail address/);
    expect((await create('admin@gmina.invalid', 'short')).stderr).toMatch(/at least 12/);
    const created = await create('Admin@Gmina.invalid');
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout + created.stderr).not.toContain(password);
    const totpSecret = /^ {2}([A-Z2-7]{16,})$/m.exec(created.stdout)?.[1] ?? '';
    expect(created.stdout).toMatch(/otpauth:\/\/totp\//);
    expect(created.stdout).toMatch(/^ {2}[0-9A-Z]{4}(-[0-9A-Z]{4}){12}$/m);
    const again = await create('admin@gmina.invalid');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/exists/);

    const handle = openDatabase({ dataDir: dir, databaseUrl: env['DATABASE_URL'] });
    try {
      const app = appOn(handle);
      const signedIn = await staffLogin(viaApp(app), sodium, {
        login: 'admin@gmina.invalid',
        password,
        totpSecret,
      });
      expect(signedIn.me).toMatchObject({ role: 'admin', status: 'active', org: null });
      const audit = await listAudit(handle.db, null);
      expect(audit.map((e) => e.action)).toEqual(['staff.created', 'staff.login']);
    } finally {
      await handle.close();
    }
  });
});
