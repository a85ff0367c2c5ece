// The production path of docs/operations.md, as an administrator runs it: `npm run build` in a
// copy of the source tree; the built tree installed with `npm ci --omit=dev` (no tsx, no vite, no
// esbuild); the administrator made with the built admin command; the production command started,
// stopped by SIGTERM to the process that was started, and started again without ROOT_PUBLIC_KEY.
// And the demo is never made in a database that has an administrator, even with DEMO on.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../tools/cli-process.ts';
import { createPostgresDatabase, DIALECTS } from './test-db.ts';

const ROOT = resolve('.');
const rootPublicKey = randomBytes(32).toString('base64url');
let prodDir = '';

/** Runs a command to its end; its output is returned and shown when it fails. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
  const output = `${result.stdout}${result.stderr}`;
  expect(result.status, `${command} ${args.join(' ')}:\n${output}`).toBe(0);
  return output;
}

const baseEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env['PATH'],
  HOME: process.env['HOME'],
  // The npm cache of this machine (the dev install filled it): `npm ci --prefer-offline` reads it.
  ...(process.env['npm_config_cache'] ? { npm_config_cache: process.env['npm_config_cache'] } : {}),
});

beforeAll(() => {
  // 1. The source tree as a release archive or a git checkout has it, built by `npm run build`.
  const src = mkdtempSync(join(tmpdir(), 'prod-src-'));
  for (const file of [
    'package.json',
    'package-lock.json',
    'vite.config.ts',
    'tsconfig.json',
    'tsconfig.base.json',
  ]) {
    copyFileSync(join(ROOT, file), join(src, file));
  }
  for (const dir of ['server', 'shared', 'web'])
    cpSync(join(ROOT, dir), join(src, dir), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'));
  run('npm', ['run', 'build'], src, { ...baseEnv(), ROOT_PUBLIC_KEY: rootPublicKey });
  expect(existsSync(join(src, 'dist/web/index.html'))).toBe(true);
  expect(existsSync(join(src, 'dist/server/main.js'))).toBe(true);

  // 2. The built tree with the production dependencies only. `--prefer-offline` takes the packages
  // from npm's cache (the dev install filled it) and asks the registry only for what is missing;
  // `--ignore-scripts` skips compiling better-sqlite3 again: its one native file is
  // taken from the dev install, which compiled it from the same version.
  prodDir = mkdtempSync(join(tmpdir(), 'prod-run-'));
  for (const file of ['package.json', 'package-lock.json']) {
    copyFileSync(join(src, file), join(prodDir, file));
  }
  cpSync(join(src, 'dist'), join(prodDir, 'dist'), { recursive: true });
  run(
    'npm',
    ['ci', '--omit=dev', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'],
    prodDir,
    baseEnv(),
  );
  const addon = 'node_modules/better-sqlite3/build/Release';
  mkdirSync(join(prodDir, addon), { recursive: true });
  copyFileSync(
    join(ROOT, addon, 'better_sqlite3.node'),
    join(prodDir, addon, 'better_sqlite3.node'),
  );
}, 400_000);

describe('the production install', () => {
  it('holds no development dependency, so none can be loaded at run time', () => {
    const installed = readdirSync(join(prodDir, 'node_modules'));
    for (const dev of ['tsx', 'vite', 'esbuild', 'vitest', '@preact/preset-vite', 'rollup']) {
      expect(installed, dev).not.toContain(dev);
      expect(existsSync(join(prodDir, 'node_modules', dev)), dev).toBe(false);
    }
    // Nothing above the tree could lend one either (Node looks in every parent's node_modules).
    expect(existsSync(join(prodDir, '..', 'node_modules'))).toBe(false);
    expect(existsSync('/node_modules')).toBe(false);
  });
});

interface Started {
  url: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv): Started {
  const child = spawn(command, args, { cwd: prodDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const add = (d: Buffer) => (output += d.toString());
  child.stdout.on('data', add);
  child.stderr.on('data', add);
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  const url = new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`did not start:\n${output}`)), 60_000);
    child.stdout.on('data', () => {
      const m = /Listening on (http:\/\/[\d.]+:\d+)\//.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        done(m[1]);
      }
    });
    void exited.then((code) => fail(new Error(`exited with ${code}:\n${output}`)));
  });
  url.catch(() => undefined);
  return { url, exited, output: () => output, kill: (signal) => child.kill(signal) };
}

describe.each(DIALECTS)('the production command on %s', (dialect) => {
  const running: Started[] = [];
  afterAll(() => running.forEach((s) => s.kill('SIGKILL')));

  it('serves the built app with no build at start, stops on SIGTERM, restarts without ROOT_PUBLIC_KEY', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'prod-data-'));
    // DEMO is left at its default (on): the production command must make no demo all the same.
    const env: NodeJS.ProcessEnv = {
      ...baseEnv(),
      DATA_DIR: dataDir,
      PORT: '0',
      SECURE_TRANSPORT: '0',
      LOG_LEVEL: 'info',
    };
    if (dialect === 'postgres') env['DATABASE_URL'] = await createPostgresDatabase();

    // The administrator, made with the built admin command of the production tree.
    const created = run(
      process.execPath,
      ['dist/server/cli/admin.js', 'create-admin', '--login', 'it@gmina.example', '--name', 'IT'],
      prodDir,
      { ...env, ADMIN_PASSWORD: 'a long enough password' },
    );
    expect(created).toContain('Administrator it@gmina.example created.');

    // `npm run serve`: npm runs the server through `exec`, and passes SIGTERM on to it.
    const first = start('npm', ['run', 'serve'], env);
    running.push(first);
    const base = await first.url;
    expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ status: 'ok' });
    const orgs = (await (await fetch(`${base}/api/orgs`)).json()) as { organisations: unknown[] };
    expect(orgs.organisations).toEqual([]);
    for (const path of ['/', '/s/SP1', '/staff/']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
    // The web app pins the key it was built with: the server neither built nor changed it.
    const assets = readdirSync(join(prodDir, 'dist/web/assets'));
    expect(
      assets.some((f) =>
        readFileSync(join(prodDir, 'dist/web/assets', f), 'utf8').includes(rootPublicKey),
      ),
    ).toBe(true);
    expect(first.output()).not.toMatch(/demo|password/i);
    first.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('SIGTERM: shutting down');
    // Nothing listens any more: SIGTERM reached the server itself, not only npm.
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();

    // Again, straight as systemd runs it, with no ROOT_PUBLIC_KEY in the environment.
    expect(env['ROOT_PUBLIC_KEY']).toBeUndefined();
    const second = start(process.execPath, ['dist/server/main.js'], env);
    running.push(second);
    const again = await second.url;
    expect((await fetch(`${again}/staff/`)).status).toBe(200);
    second.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(existsSync(join(dataDir, 'demo-credentials.txt'))).toBe(false);
    expect(existsSync(join(dataDir, 'root-key.json'))).toBe(false);

    // `npm start`'s preparation with DEMO on: the database has an administrator, so no demo.
    const prepared = await runScript('server/cli/prepare.ts', [], { ...env, DEMO: '1' });
    expect(prepared.status, prepared.stderr).toBe(0);
    expect(prepared.stdout).toContain('No demo created');
    expect(prepared.stdout).not.toContain('Demo municipality created.');
    expect(existsSync(join(dataDir, 'demo-credentials.txt'))).toBe(false);
    const third = start(process.execPath, ['dist/server/main.js'], env);
    running.push(third);
    const list = (await (await fetch(`${await third.url}/api/orgs`)).json()) as {
      organisations: unknown[];
    };
    expect(list.organisations).toEqual([]);
    third.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  });
});
