// Verifiable code delivery [Note: release manifest] [Note: release gate], as a release is made and
// checked: the web build is reproducible (two builds of one tree and root key are byte-identical);
// the release steps of docs/administration.md run on throwaway keys (a root key, a release key it
// endorses, the signed manifest); `npm run verify` passes a genuine deployment and names a tampered
// script; and an own phone's installed app refuses an update whose files are not the signed ones,
// says so, and keeps working offline, while it takes a genuine signed update.
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRoutes } from '../../server/routes/web.ts';
import { hashTree } from '../../server/cli/admin/release.ts';
import { launchChromium } from '../tools/browser.ts';
import { buildWeb } from '../tools/build-web.ts';
import { runScript } from '../tools/cli-process.ts';

const work = mkdtempSync(join(tmpdir(), 'release-'));
const served = join(work, 'served');
const env: NodeJS.ProcessEnv = {
  PATH: process.env['PATH'],
  HOME: process.env['HOME'],
  ADMIN_PASSPHRASE: 'throwaway release passphrase',
};
let rootPublicKey = '';
let endorsement = '';
let base = '';
let stopServer: () => void = () => undefined;
let browser: Browser;

const admin = async (...args: string[]) => {
  const result = await runScript('server/cli/admin.ts', args, env);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
};
const verify = () => runScript('server/cli/verify.ts', [base, '--root', rootPublicKey], env);
const sign = () =>
  admin(
    'sign-release',
    ...['--key', join(work, 'release-key.json'), '--endorsement', endorsement],
    ...['--root', rootPublicKey, '--dir', served],
  );
/** A pupil script of the build (not the service worker, not a staff file). */
const pupilScript = () => {
  const name = readdirSync(join(served, 'assets')).find((f) => /^pupil-.*\.js$/.test(f));
  if (!name) throw new Error('no pupil script in the build');
  return join(served, 'assets', name);
};

/** Swaps a script as a deployment would: the file and the compressed copies served beside it
 * ([Note: precompressed assets]), so every browser gets the changed code. */
const append = (file: string, text: string) => {
  const changed = Buffer.concat([readFileSync(file), Buffer.from(text)]);
  writeFileSync(file, changed);
  writeFileSync(`${file}.br`, brotliCompressSync(changed));
  writeFileSync(`${file}.gz`, gzipSync(changed));
};
const tamper = (script: string) => append(script, '\n;globalThis.leak=1;\n');
/** The script and its copies as the release built them. */
const restore = (script: string) => {
  const name = script.split('/').at(-1) ?? '';
  for (const suffix of ['', '.br', '.gz']) {
    cpSync(join(work, 'pristine', 'assets', `${name}${suffix}`), `${script}${suffix}`);
  }
};

beforeAll(async () => {
  const root = await admin('create-root', '--out', join(work, 'root-key.json'));
  rootPublicKey = /ROOT_PUBLIC_KEY\): (\S+)/.exec(root)?.[1] ?? '';
  await admin('create-release-key', '--out', join(work, 'release-key.json'));
  endorsement = (
    await admin(
      'endorse-release-key',
      ...['--key', join(work, 'root-key.json'), '--release-key', join(work, 'release-key.json')],
    )
  ).trim();
  await buildWeb(served, rootPublicKey);
  cpSync(served, join(work, 'pristine'), { recursive: true });
  const app = new Hono().route('/', webRoutes(served));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stopServer = () => server.close();
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser.close();
  stopServer();
});

describe('a release', () => {
  it(
    'builds byte for byte the same from the same tree and root key',
    { timeout: 240_000 },
    async () => {
      const again = join(work, 'again');
      await buildWeb(again, rootPublicKey);
      const first = hashTree(served);
      expect(first.size).toBeGreaterThan(5);
      expect(hashTree(again)).toEqual(first);
    },
  );

  it('is signed offline, and verify passes the genuine deployment and names a tampered file', async () => {
    expect(await sign()).toContain('Signed');
    const genuine = await verify();
    expect(genuine.status, genuine.stdout + genuine.stderr).toBe(0);
    expect(genuine.stdout).toContain('ok: every file matches the signed release');

    const script = pupilScript();
    const original = readFileSync(script);
    // Only the uncompressed file: verify asks for every encoding, so it still finds it.
    appendFileSync(script, '\n;globalThis.leak=1;\n');
    const tampered = await verify();
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toContain(
      `MISMATCH assets/${script.split('/').at(-1)}: content differs`,
    );
    restore(script);
    expect(readFileSync(script)).toEqual(original);
    // The file and its compressed copies swapped alike.
    tamper(script);
    const swapped = await verify();
    expect(swapped.status).toBe(1);
    expect(swapped.stdout).toContain(`(sent as br): content differs`);
    restore(script);

    // Verified against another root key, the same release is refused.
    const other = await runScript('server/cli/verify.ts', [base, '--root', 'A'.repeat(43)], env);
    expect(other.status).toBe(1);
    expect(other.stderr).toContain('not endorsed by the root key');
  });

  it(
    'an own phone refuses an update that is not the signed release, and keeps working',
    { timeout: 120_000 },
    async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await page.goto(`${base}/`);
      const scriptUrl = () =>
        page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? '');
      expect(await scriptUrl()).toBe(`${base}/sw.js`);

      // Version 2: a new service worker script, signed; then one of its scripts is swapped.
      append(join(served, 'sw.js'), '\n// version 2\n');
      await sign();
      const script = pupilScript();
      tamper(script);
      const update = () =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.ready;
          await registration.update().catch(() => undefined);
          const worker = registration.installing ?? registration.waiting;
          if (worker && worker.state !== 'installed') {
            await new Promise<void>((resolve) => {
              worker.addEventListener('statechange', () => {
                if (worker.state === 'installed' || worker.state === 'redundant') resolve();
              });
            });
          }
          return { waiting: registration.waiting !== null };
        });
      expect(await update()).toEqual({ waiting: false });
      await expect
        .poll(() => page.getByRole('alert').filter({ hasText: 'nie przeszła sprawdzenia' }).count())
        .toBe(1);

      // The verified version still opens, offline too.
      await context.setOffline(true);
      await page.reload();
      await page.locator('h1', { hasText: 'Bezpieczny Głos' }).waitFor();
      await context.setOffline(false);

      // The genuine version 2 is taken (it waits until the app's pages close, as any update).
      restore(script);
      expect(await update()).toEqual({ waiting: true });
      await context.close();
    },
  );
});
