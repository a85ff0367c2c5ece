// `npm run backup` while the real server takes reports, then `npm run restore` into a fresh data
// directory and a server started on it: the copy is one consistent moment between the backup's
// start and end, and opens, checks and serves like the original. SQLite only: on PostgreSQL the
// CLIs point to pg_dump / pg_restore.
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { checkSqliteDatabase } from '../../server/db/backup.ts';
import type { OrganisationListDto } from '../../shared/protocol/orgs.ts';
import { runScript, serverEnv, startServer, type RunningServer } from '../tools/cli-process.ts';
import { PupilClient, viaUrl } from '../tools/pupil-client.ts';

const env = (dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv =>
  serverEnv(dataDir, {
    POW_BITS: '0',
    LOG_LEVEL: 'silent',
    POW_REPORTS_PER_BIT: '1000000',
    ...extra,
  });

describe('backup and restore of SQLite', () => {
  const servers: RunningServer[] = [];
  afterAll(() => servers.forEach((s) => s.child.kill()));

  it('copies a consistent database while reports arrive, and the restore serves it', async () => {
    const sodium = await loadSodium();
    const dataDir = mkdtempSync(join(tmpdir(), 'backup-live-'));
    // `npm start`'s preparation makes the demo; the server itself never does.
    const prepared = await runScript('server/cli/prepare.ts', [], env(dataDir));
    expect(prepared.stdout, prepared.stderr).toContain('Demo municipality created.');
    const server = startServer(env(dataDir));
    servers.push(server);
    const base = await server.url;
    const orgs = (await (await fetch(`${base}/api/orgs`)).json()) as OrganisationListDto;
    const school = orgs.organisations.find((o) => o.code === 'SP1');
    if (!school) throw new Error('demo school SP1 missing');
    const pupil = new PupilClient(sodium, viaUrl(base), school);

    // Reports keep arriving in the background; `committed` counts those the server answered 201.
    let committed = 0;
    let stop = false;
    const receipts: string[] = [];
    const writer = (async () => {
      while (!stop) {
        const report = pupil.compose({ text: `report ${committed}` });
        const res = await pupil.submit(report);
        if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
        receipts.push(report.receiptCode);
        committed++;
      }
    })();
    while (committed < 5) await new Promise((r) => setTimeout(r, 20));

    const atStart = committed;
    const backupFile = join(mkdtempSync(join(tmpdir(), 'backup-out-')), 'copy.sqlite');
    const backup = await runScript('server/cli/backup.ts', [backupFile], env(dataDir));
    const atEnd = committed;
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backup written to .*integrity ok/);
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    // Another moment later, the default name under DATA_DIR/backups.
    const dated = await runScript('server/cli/backup.ts', [], env(dataDir));
    expect(dated.status, dated.stderr).toBe(0);
    expect(readdirSync(join(dataDir, 'backups'))).toEqual([
      expect.stringMatching(/^app-\d{8}-\d{6}\.sqlite$/),
    ]);
    while (committed < atEnd + 3) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await writer;
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const copy = checkSqliteDatabase(backupFile);
    expect(copy.reports).toBeGreaterThanOrEqual(atStart);
    expect(copy.reports).toBeLessThanOrEqual(atEnd);

    // Restore into a fresh DATA_DIR; refusals first: not a database, and no silent overwrite.
    const restoredDir = mkdtempSync(join(tmpdir(), 'backup-restored-'));
    const junk = join(restoredDir, 'junk.sqlite');
    writeFileSync(junk, 'not a database at all, just text'.repeat(200));
    const badRestore = await runScript('server/cli/restore.ts', [junk], env(restoredDir));
    expect(badRestore.status).toBe(1);
    expect(badRestore.stderr.trim()).toMatch(/junk\.sqlite is not an SQLite database/);
    const restored = await runScript('server/cli/restore.ts', [backupFile], env(restoredDir));
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restart the server/);
    const overwrite = await runScript('server/cli/restore.ts', [backupFile], env(restoredDir));
    expect(overwrite.status).toBe(1);
    expect(overwrite.stderr.trim()).toMatch(/add --force/);
    const forced = await runScript(
      'server/cli/restore.ts',
      [backupFile, '--force'],
      env(restoredDir),
    );
    expect(forced.status, forced.stderr).toBe(0);

    const second = startServer(env(restoredDir, { DEMO: '0' }));
    servers.push(second);
    const restoredBase = await second.url;
    const health = await fetch(`${restoredBase}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
    const restoredOrgs = (await (
      await fetch(`${restoredBase}/api/orgs`)
    ).json()) as OrganisationListDto;
    expect(restoredOrgs.organisations).toHaveLength(orgs.organisations.length);
    // A report committed before the backup began opens with its receipt on the restored server.
    const restoredPupil = new PupilClient(sodium, viaUrl(restoredBase), school);
    const opened = await restoredPupil.openReceipt(receipts[0] ?? '');
    expect(opened.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const live = checkSqliteDatabase(join(restoredDir, 'app.sqlite'));
    expect(live.reports).toBe(copy.reports);
  });

  it('points to pg_dump on PostgreSQL, without printing the URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backup-pg-'));
    const url = 'postgres://app:s3cret-password@127.0.0.1:1/app';
    const result = await runScript('server/cli/backup.ts', [], env(dir, { DATABASE_URL: url }));
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('pg_dump --format=custom');
    expect(result.stdout + result.stderr).not.toContain('s3cret-password');
  });
});
