// [Note: several processes]: WORKERS=2 on PostgreSQL starts a supervisor and two server processes
// sharing one port; what they must agree on is in the database, so a proof of work spent in one
// is spent in the other, and a pupil session opened in one is valid in the other; a process that
// dies is started again while the other keeps answering; SIGTERM stops them all cleanly. SQLite
// refuses WORKERS > 1 with a clear message.
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../server/crypto/sodium.ts';
import type { OrganisationListDto } from '../../shared/protocol/orgs.ts';
import { runScript, serverEnv, startServer, type RunningServer } from '../tools/cli-process.ts';
import { bearer, json, PupilClient, type Send } from '../tools/pupil-client.ts';
import { createPostgresDatabase } from './test-db.ts';

/** A request on a connection of its own: the supervisor hands each to the next process. */
const freshConnection =
  (base: string): Send =>
  (path, init = {}) =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, key) => (headers[key] = value));
      const req = request(
        `${base}${path}`,
        { method: init.method ?? 'GET', headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0 })),
          );
        },
      );
      req.on('error', reject);
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });

const childrenOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const baseEnv = (dataDir: string): NodeJS.ProcessEnv =>
  serverEnv(dataDir, {
    HOST: '127.0.0.1',
    POW_BITS: '0',
    DEMO: '1',
    LOG_LEVEL: 'silent',
    WORKERS: '2',
  });

describe('several server processes', () => {
  const servers: RunningServer[] = [];
  afterAll(() => servers.forEach((s) => s.child.kill('SIGKILL')));

  it('refuses WORKERS > 1 on SQLite', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'workers-sqlite-'));
    const server = startServer(baseEnv(dataDir));
    servers.push(server);
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain('WORKERS: several server processes need PostgreSQL');
  });

  it(
    'serves from two processes on PostgreSQL that share what they must',
    { timeout: 120_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'workers-pg-'));
      const env = { ...baseEnv(dataDir), DATABASE_URL: await createPostgresDatabase() };
      const prepared = await runScript('server/cli/prepare.ts', [], { ...env, WORKERS: '1' });
      expect(prepared.status, prepared.stderr).toBe(0);
      const server = startServer(env);
      servers.push(server);
      const base = await server.url;
      const supervisor = server.child.pid ?? 0;
      const first = await until('two server processes', () => {
        const pids = childrenOf(supervisor);
        return pids.length === 2 ? pids : undefined;
      });
      // Both listening: each prints its own line.
      await until('both processes listening', () =>
        server.output().match(/Listening on/g)?.length === 2 ? true : undefined,
      );

      const send = freshConnection(base);
      const orgs = (await (await send('/api/orgs')).json()) as OrganisationListDto;
      const school = orgs.organisations.find((o) => o.code === 'SP1');
      if (!school) throw new Error('demo school SP1 missing');
      const pupil = new PupilClient(await loadSodium(), send, school);

      // One proof of work, sent again on new connections (so to the other process too): spent once.
      const report = pupil.compose({ text: 'two processes' });
      const body = json({ ...report.request, pow: await pupil.pow('report') });
      const accepted = await send('/api/pupil/reports', body);
      expect(accepted.status, await accepted.clone().text()).toBe(201);
      const { session } = (await accepted.json()) as { session: { token: string } };
      for (let i = 0; i < 3; i++) {
        const replay = await send('/api/pupil/reports', body);
        expect(replay.status).toBe(409);
      }
      // The pupil session opened in one process is valid in whichever answers next.
      for (let i = 0; i < 4; i++) {
        expect((await send('/api/pupil/thread', { headers: bearer(session.token) })).status).toBe(
          200,
        );
      }

      // One process dies: the other keeps answering, and the supervisor starts a new one.
      const killed = first[0] ?? 0;
      process.kill(killed, 'SIGKILL');
      // Once the supervisor knows (a connection it hands over in the very moment a process dies
      // is lost with that process, as with any process manager; the client tries again).
      await until('the supervisor saw the process end', () =>
        server.output().includes(`server process ${killed} ended (SIGKILL)`) ? true : undefined,
      );
      for (let i = 0; i < 4; i++) expect((await send('/api/health')).status).toBe(200);
      const again = await until('a new server process', () => {
        const pids = childrenOf(supervisor);
        return pids.length === 2 && !pids.includes(killed) ? pids : undefined;
      });
      expect(again).toContain(first[1]);
      expect(server.output()).toContain(`server process ${killed} ended (SIGKILL)`);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      for (const pid of again) expect(() => process.kill(pid, 0)).toThrow();
    },
  );
});
