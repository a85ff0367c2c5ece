// The web build (two entries: pupil and staff) and the Vitest projects.
// [Note: pinned root key] The municipality root public key is compiled into the web bundle here, so
// the server that serves the app cannot swap the key clients verify organisation certificates with.
// It comes from ROOT_PUBLIC_KEY, or from the file the demo set-up writes (DATA_DIR/root-public-key).
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

function pinnedRootKey(): string {
  const fromEnv = process.env['ROOT_PUBLIC_KEY'];
  if (fromEnv) return fromEnv.trim();
  const file = resolve(process.env['DATA_DIR'] ?? 'data', 'root-public-key');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
}

export default defineConfig(({ command }) => {
  const rootKey = pinnedRootKey();
  if (command === 'build' && !/^[A-Za-z0-9_-]{43}$/.test(rootKey)) {
    throw new Error(
      'No municipality root public key to pin: set ROOT_PUBLIC_KEY to the key `admin create-root` printed (docs/operations.md), or, for the demo, run `npm start`, which creates the demo and its key first.',
    );
  }
  return {
    root: 'web',
    publicDir: 'public',
    plugins: [
      preact(),
      // [Note: offline shell] The pupil app's service worker (web/pupil/sw.ts) precaches the
      // pupil app shell only, and installs an update only after the release gate checked it
      // [Note: release gate]. Workbox's precaching and routing do the caching; the plugin
      // injects the list of files and bundles the worker as one classic script.
      VitePWA({
        injectRegister: false,
        manifest: false,
        strategies: 'injectManifest',
        srcDir: 'pupil',
        filename: 'sw.ts',
        injectManifest: {
          globPatterns: ['index.html', 'assets/*.{js,css}', '*.{png,svg,webmanifest}'],
          globIgnores: ['staff/**', 'assets/staff-*'],
          maximumFileSizeToCacheInBytes: 1024 * 1024,
          rollupFormat: 'iife',
        },
      }),
    ],
    define: { __ROOT_PUBLIC_KEY__: JSON.stringify(rootKey) },
    // The crypto worker is an ES module, so it can load the libsodium chunk lazily too.
    worker: { format: 'es' as const },
    build: {
      // WEB_DIR is where the server looks for the app, so the build writes there (dist/web by
      // default, beside the built server in dist/server).
      outDir: resolve(process.env['WEB_DIR'] ?? 'dist/web'),
      emptyOutDir: true,
      target: 'es2022',
      // libsodium's WebAssembly build is one ~535 kB chunk (187 kB gzip), loaded lazily.
      chunkSizeWarningLimit: 600,
      rollupOptions: {
        input: {
          pupil: resolve('web/index.html'),
          staff: resolve('web/staff/index.html'),
          // The staff push worker must live at a fixed URL inside /staff/ (its scope).
          'staff-sw': resolve('web/staff/sw.ts'),
        },
        output: {
          entryFileNames: (chunk) =>
            chunk.name === 'staff-sw' ? 'staff/sw.js' : 'assets/[name]-[hash].js',
        },
      },
    },
    test: {
      root: '.',
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'tests/protocol/**/*.test.ts'],
          },
        },
        {
          extends: true,
          test: {
            name: 'api',
            include: ['tests/api/**/*.test.ts'],
            globalSetup: ['tests/api/global-setup.ts'],
            testTimeout: 180_000,
            hookTimeout: 120_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            include: ['tests/e2e/**/*.test.ts'],
            globalSetup: ['tests/e2e/global-setup.ts'],
            fileParallelism: false,
            testTimeout: 60_000,
            hookTimeout: 120_000,
            // A browser step (Argon2id, a proof of work) can take seconds on a busy shared
            // machine: polls wait up to 15 s instead of 1 s (a correct screen shows at once, so
            // this only spares a slow machine a false failure; nothing is timed).
            expect: { poll: { timeout: 15_000 } },
          },
        },
      ],
    },
  };
});
