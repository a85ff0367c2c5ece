// Certifying offline for real: `sign-certificate --out` on a machine with the root key and no
// database (here: no data directory, and a DATABASE_URL nothing answers at), the file carried to
// the server, `import-certificate --file` there. The import checks the signature against the
// pinned root public key and refuses what `--apply` refuses: keys nobody proposed, a rollback.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase } from '../../server/db/dialect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { writeDemoFiles } from '../../server/demo/demo-files.ts';
import { seedDemo } from '../../server/demo/seed-demo.ts';
import { listAudit, verifyAuditChain } from '../../server/db/repositories/audit.ts';
import { findOrganisation, listCertificates } from '../../server/db/repositories/organisations.ts';
import { findPendingKey, savePendingKey } from '../../server/services/pending-keys.ts';
import {
  decodeCertificateBody,
  fromB64,
  generateOrgKeys,
  generateRootKey,
  toB64,
} from '../../shared/crypto/index.ts';
import { runScript, signCertificateArgs } from '../tools/cli-process.ts';
import { TEST_ARGON } from '../tools/demo-server.ts';
import { createPostgresDatabase, DIALECTS } from './test-db.ts';

const admin = (args: string[], env: NodeJS.ProcessEnv) =>
  runScript('server/cli/admin.ts', args, env);

describe.each(DIALECTS)('offline certificate round trip on %s', (dialect) => {
  it('signs with no database, imports on the server, refuses what --apply refuses', async () => {
    const sodium = await loadSodium();
    const serverDir = mkdtempSync(join(tmpdir(), 'offline-server-'));
    const server: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      DATA_DIR: serverDir,
      LOG_LEVEL: 'silent',
      DEMO: '1',
    };
    if (dialect === 'postgres') server['DATABASE_URL'] = await createPostgresDatabase();
    // The demo municipality with small Argon2id limits (its root key file too), as the browser
    // tests make it: the commands below then unlock the root key in a moment.
    const handle = openDatabase({ dataDir: serverDir, databaseUrl: server['DATABASE_URL'] });
    await migrateToLatest(handle.db);
    const demo = await seedDemo({
      db: handle.db,
      dialect: handle.dialect,
      sodium,
      clock: () => new Date(),
      limits: TEST_ARGON,
    });
    writeDemoFiles(serverDir, demo);
    const passphrase = demo.rootPassphrase;
    const rootPublicKey = readFileSync(join(serverDir, 'root-public-key'), 'utf8').trim();

    // The offline machine: the root key file on its stick, no data directory, no database.
    const offline = mkdtempSync(join(tmpdir(), 'offline-laptop-'));
    const keyFile = join(offline, 'root-key.json');
    copyFileSync(join(serverDir, 'root-key.json'), keyFile);
    const laptop: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      DATA_DIR: join(offline, 'no-data-here'),
      DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none',
      ADMIN_PASSPHRASE: passphrase,
    };

    try {
      const school = await findOrganisation(handle.db, { code: 'SP2' });
      if (!school) throw new Error('demo school SP2 missing');
      const proposed = generateOrgKeys(sodium);
      const keys = { box: toB64(proposed.boxPublicKey), sign: toB64(proposed.signPublicKey) };
      const sign = (out: string, k = keys, version = '2') =>
        admin(
          [
            ...signCertificateArgs({ key: keyFile, org: school, kind: 'school', keys: k, version }),
            '--out',
            join(offline, out),
          ],
          laptop,
        );
      const carry = (name: string) => {
        copyFileSync(join(offline, name), join(serverDir, name));
        return join(serverDir, name);
      };
      const importFile = (file: string, env: NodeJS.ProcessEnv = {}) =>
        admin(['import-certificate', '--file', file], {
          ...server,
          ROOT_PUBLIC_KEY: rootPublicKey,
          ...env,
        });

      // Keys no member proposed: signed offline all the same, refused at the import.
      const unproposed = await sign('unproposed.json');
      expect(unproposed.status, unproposed.stderr).toBe(0);
      expect(unproposed.stdout).toContain('Certificate written to');
      const refusedUnproposed = await importFile(carry('unproposed.json'));
      expect(refusedUnproposed.status).toBe(1);
      expect(refusedUnproposed.stderr).toMatch(/no member proposed a key version 2/);

      // What a member's browser proposes (POST /api/staff/org-key/versions).
      await savePendingKey(handle.db, school.id, {
        version: 2,
        boxPublicKey: keys.box,
        signPublicKey: keys.sign,
      });
      const other = generateOrgKeys(sodium);
      const otherKeys = { box: toB64(other.boxPublicKey), sign: toB64(other.signPublicKey) };
      expect((await sign('other.json', otherKeys)).status).toBe(0);
      const refusedOther = await importFile(carry('other.json'));
      expect(refusedOther.stderr).toMatch(/not the ones a member proposed for version 2/);

      expect((await sign('SP2-v2.json')).status).toBe(0);
      const file = carry('SP2-v2.json');
      // Signed by another root than the one the web app pins: refused before anything else.
      const stranger = toB64(generateRootKey(sodium).publicKey);
      const wrongRoot = await importFile(file, { ROOT_PUBLIC_KEY: stranger });
      expect(wrongRoot.status).toBe(1);
      expect(wrongRoot.stderr).toMatch(/not signed by the municipality root key/);
      // A certificate changed on its way (another organisation name in the body): refused.
      const cert = JSON.parse(readFileSync(file, 'utf8')) as { body: string; signature: string };
      const bytes = fromB64(cert.body);
      bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 1;
      const tampered = join(serverDir, 'tampered.json');
      writeFileSync(tampered, JSON.stringify({ ...cert, body: toB64(bytes) }));
      expect((await importFile(tampered)).stderr).toMatch(/not signed by the municipality root/);
      const garbage = join(serverDir, 'garbage.json');
      writeFileSync(garbage, '{"hello": 1}');
      expect((await importFile(garbage)).stderr).toMatch(/is not a certificate/);
      const noKey = await importFile(file, { ROOT_PUBLIC_KEY: undefined });
      // The demo recorded its root public key, so the import finds it without ROOT_PUBLIC_KEY;
      // a real deployment gives ROOT_PUBLIC_KEY (checked above with a stranger's key).
      expect(noKey.status, noKey.stderr).toBe(0);
      expect(noKey.stdout).toContain(`Imported: version 2 is now current for ${school.name}.`);
      expect(noKey.stderr).toMatch(
        /fingerprint \(compare with the member's screen\): (\d{5} ){7}\d{5}/,
      );
      expect(await findPendingKey(handle.db, school.id)).toBeUndefined();
      const certificates = await listCertificates(handle.db, school.id);
      expect(certificates.map((c) => c.version)).toEqual([1, 2]);
      const body = decodeCertificateBody(fromB64(certificates[1]?.body ?? ''));
      expect(toB64(body.boxPublicKey)).toBe(keys.box);
      const audit = await listAudit(handle.db, null);
      expect(audit.at(-1)).toMatchObject({
        action: 'org.certificate_issued',
        subject_id: school.id,
      });
      expect(await verifyAuditChain(handle.db, null)).toBeNull();

      // The same file again is a rollback now.
      const again = await importFile(file);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/not above the current version 2: refusing a rollback/);

      // The passphrase changes on the offline machine: the same key, a new file.
      const renewed = join(offline, 'root-key-new.json');
      const newPassphrase = 'a new root passphrase for the new year';
      const changed = await admin(['change-passphrase', '--key', keyFile, '--out', renewed], {
        ...laptop,
        NEW_ADMIN_PASSPHRASE: newPassphrase,
      });
      expect(changed.status, changed.stderr).toBe(0);
      expect(changed.stdout).toContain(`Public key (ROOT_PUBLIC_KEY): ${rootPublicKey}`);
      expect(changed.stdout + changed.stderr).not.toContain(newPassphrase);
      const signOnNew = signCertificateArgs({
        key: renewed,
        org: school,
        kind: 'school',
        keys,
        version: '3',
      });
      const oldOnNew = await admin(signOnNew, laptop);
      expect(oldOnNew.stderr).toMatch(/wrong passphrase/);
      const newOnNew = await admin(signOnNew, { ...laptop, ADMIN_PASSPHRASE: newPassphrase });
      expect(newOnNew.status, newOnNew.stderr).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
