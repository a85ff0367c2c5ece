// The real server is killed with SIGKILL while pupils' reports are in flight, then started again on
// the same data: every report it had answered 201 is there (acknowledged means committed), the
// audit chain is whole, and on SQLite the file passes PRAGMA integrity_check. Requests cut off by
// the kill may or may not have landed; only the acknowledged ones are checked.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../server/crypto/sodium.ts';
import { openDatabase } from '../../server/db/dialect.ts';
import { verifyAuditChain } from '../../server/db/repositories/audit.ts';
import type { OrganisationListDto } from '../../shared/protocol/orgs.ts';
import { runScript, serverEnv, startServer, type RunningServer } from '../tools/cli-process.ts';
import { json, PupilClient, viaUrl } from '../tools/pupil-client.ts';
import { createPostgresDatabase, DIALECTS } from './test-db.ts';

/**
 * Pupils submitting at once, each in a loop: compose, fetch a challenge, submit. Enough of them
 * that submissions arrive together and the server commits them in shared batches [Note: group
 * commit] (tests/api/group-commit.test.ts shows the batching itself): the kill then falls among
 * units queued, written but not committed, and committed but not yet answered.
 */
const WRITERS = 24;
/** The kill comes after this many acknowledged reports, or after KILL_AFTER_MS. */
const TARGET = 150;
const KILL_AFTER_MS = 5_000;
/** The only count asserted: enough acknowledged reports for the check to mean something. */
const AT_LEAST = 10;

describe.each(DIALECTS)('crash safety on %s', (dialect) => {
  const servers: RunningServer[] = [];
  afterAll(() => servers.forEach((s) => s.child.kill('SIGKILL')));

  it(
    'keeps every acknowledged report after a SIGKILL mid-write',
    { timeout: 180_000 },
    async () => {
      const sodium = await loadSodium();
      const dataDir = mkdtempSync(join(tmpdir(), 'crash-safety-'));
      const env = serverEnv(dataDir, {
        POW_BITS: '0',
        DEMO: '1',
        LOG_LEVEL: 'silent',
        POW_REPORTS_PER_BIT: '1000000',
        POW_RECEIPTS_PER_BIT: '1000000',
      });
      const databaseUrl = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
      if (databaseUrl) env['DATABASE_URL'] = databaseUrl;
      const prepared = await runScript('server/cli/prepare.ts', [], env);
      expect(prepared.status, prepared.stderr).toBe(0);
      expect(prepared.stdout).toContain('Demo municipality created.');

      const first = startServer(env);
      servers.push(first);
      const base = await first.url;
      const orgs = (await (await fetch(`${base}/api/orgs`)).json()) as OrganisationListDto;
      const school = orgs.organisations.find((o) => o.code === 'SP1');
      if (!school) throw new Error('demo school SP1 missing');
      const pupil = new PupilClient(sodium, viaUrl(base), school);

      // Before the kill every answer must be a 201; after it, requests fail or get no answer.
      const acknowledged: { reportId: string; receiptCode: string }[] = [];
      const refusals: string[] = [];
      let killed = false;
      let submitsInFlight = 0;
      const writer = async () => {
        while (!killed) {
          const report = pupil.compose({ text: `report ${acknowledged.length}` });
          try {
            const pow = await pupil.pow('report');
            submitsInFlight++;
            const res = await pupil
              .send('/api/pupil/reports', json({ ...report.request, pow }))
              .finally(() => submitsInFlight--);
            // The 201 is sent after the commit: from here on the report must survive.
            if (res.status === 201) {
              acknowledged.push({ reportId: report.reportId, receiptCode: report.receiptCode });
              const body = (await res.json()) as { reportId: string };
              if (body.reportId !== report.reportId) refusals.push(`201 for ${body.reportId}`);
            } else if (!killed) {
              refusals.push(`${res.status} ${await res.text()}`);
            }
          } catch (error) {
            // A request the kill cut off: committed or not, nobody was told it was.
            if (!killed) refusals.push(String(error));
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, writer);
      const deadline = Date.now() + KILL_AFTER_MS;
      while (acknowledged.length < TARGET && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 5));
      }
      // Kill while at least one report is on its way to (or inside) the server.
      while (submitsInFlight === 0) await new Promise((r) => setTimeout(r, 1));

      killed = true;
      first.child.kill('SIGKILL');
      expect(await first.exited).toBeNull();
      await Promise.all(writers);
      const committed = [...acknowledged];
      expect(refusals).toEqual([]);
      expect(committed.length).toBeGreaterThanOrEqual(AT_LEAST);

      // The same data, the same demo flag: the database is reopened, not seeded again.
      const second = startServer(env);
      servers.push(second);
      const restartedBase = await second.url;
      const health = await fetch(`${restartedBase}/api/health`);
      expect(await health.json()).toEqual({ status: 'ok', database: dialect });
      const again = (await (
        await fetch(`${restartedBase}/api/orgs`)
      ).json()) as OrganisationListDto;
      expect(again.organisations.find((o) => o.code === 'SP1')?.id).toBe(school.id);

      const handle = openDatabase({ databaseUrl, dataDir });
      try {
        const ids = committed.map((r) => r.reportId);
        const found = await handle.db
          .selectFrom('reports')
          .select('id')
          .where('id', 'in', ids)
          .execute();
        expect(new Set(found.map((r) => r.id))).toEqual(new Set(ids));
        const received = await handle.db
          .selectFrom('audit_log')
          .select('subject_id')
          .where('action', '=', 'report.received')
          .where('subject_id', 'in', ids)
          .execute();
        expect(received).toHaveLength(ids.length);
        expect(await verifyAuditChain(handle.db, school.id)).toBeNull();
        if (dialect === 'sqlite') {
          const integrity = await sql<{
            integrity_check: string;
          }>`pragma integrity_check`.execute(handle.db);
          expect(integrity.rows).toEqual([{ integrity_check: 'ok' }]);
        }
      } finally {
        await handle.close();
      }

      // Through the API too: the first and the last acknowledged receipts open on the new process.
      const restartedPupil = new PupilClient(sodium, viaUrl(restartedBase), school);
      for (const receipt of [committed[0], committed.at(-1)]) {
        const opened = await restartedPupil.openReceipt(receipt?.receiptCode ?? '');
        expect(opened.status).toBe(200);
      }

      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    },
  );
});
