// What a newcomer does after cloning: `npm start` (prepare the database with the demo municipality,
// build the web app pinning the new root key, serve), here on both dialects, then a graceful stop.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverEnv, startServer, TSX } from '../tools/cli-process.ts';
import { createPostgresDatabase, DIALECTS } from './test-db.ts';

function runStep(args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: 120_000 });
  expect(result.stderr, `${args.join(' ')} wrote to stderr`).not.toMatch(/error/i);
  expect(result.status, result.stdout + result.stderr).toBe(0);
  return result.stdout;
}

describe.each(DIALECTS)('first start on %s', (dialect) => {
  const servers: { child: { kill(): boolean } }[] = [];
  afterAll(() => servers.forEach((s) => s.child.kill()));

  it('creates the demo municipality, pins its root key in the build, serves, stops cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'first-start-'));
    const webDir = join(dataDir, 'web');
    const env = serverEnv(dataDir, { WEB_DIR: webDir });
    if (dialect === 'postgres') env['DATABASE_URL'] = await createPostgresDatabase();

    // The steps below are `npm start`'s, in its order: the build needs the root key prepare makes.
    const start = (
      JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }
    ).scripts.start;
    expect(start.split(' && ')).toEqual([
      'node --import tsx server/cli/prepare.ts',
      'npm run build',
      'exec node dist/server/main.js',
    ]);
    expect(runStep([...TSX, 'server/cli/prepare.ts'], env)).toContain('Demo municipality created.');
    expect(runStep([...TSX, 'server/cli/prepare.ts'], env)).toContain('Database ready.');
    const rootKey = readFileSync(join(dataDir, 'root-public-key'), 'utf8').trim();
    runStep(
      ['node_modules/vite/bin/vite.js', 'build', '--outDir', webDir, '--logLevel', 'error'],
      env,
    );
    const bundles = readdirSync(join(webDir, 'assets')).map((f) =>
      readFileSync(join(webDir, 'assets', f), 'utf8'),
    );
    expect(bundles.some((js) => js.includes(rootKey))).toBe(true);

    const server = startServer(env);
    servers.push(server);
    const base = await server.url;
    expect(server.output()).toMatch(/pedagog\.sp7@demo\.invalid\s+\S+\s+counsellor/);
    expect(server.output()).toMatch(/psycholog\.cdr@demo\.invalid\s+\S+\s+cdr_specialist/);

    const orgs = (await (await fetch(`${base}/api/orgs`)).json()) as {
      organisations: { kind: string }[];
    };
    expect(orgs.organisations.filter((o) => o.kind === 'school')).toHaveLength(7);
    expect(orgs.organisations.filter((o) => o.kind === 'cdr')).toHaveLength(1);
    for (const path of ['/', '/s/SP3', '/staff/']) {
      const res = await fetch(base + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
    }

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
