// Gzip sizes of what a pupil downloads, and of a bare Preact page built by the same Vite in the
// same run (the baseline the pupil entry is compared with).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** The entry script of an index.html and the chunks it preloads: what the first paint needs. */
export function entrySize(webDir: string, html: string): number {
  const page = readFileSync(join(webDir, html), 'utf8');
  const files = [...page.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1]!,
  );
  return files.reduce((sum, f) => sum + gz(join(webDir, f)), 0);
}

/** Lazily loaded chunks by name: 'libsodium' (the WebAssembly build) or 'worker' (the pupil's protocol code). */
export function chunkSize(webDir: string, name: 'libsodium' | 'pupil-worker'): number {
  return readdirSync(join(webDir, 'assets'))
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.js'))
    .reduce((sum, f) => sum + gz(join(webDir, 'assets', f)), 0);
}

export async function bareBaseline(): Promise<number> {
  const dir = resolve('node_modules/.bench/bare');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><div id="app"></div><script type="module" src="/main.js"></script>',
  );
  writeFileSync(
    join(dir, 'main.js'),
    "import { h, render } from 'preact';\nrender(h('p', null, 'Hello'), document.getElementById('app'));\n",
  );
  await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    build: { outDir: join(dir, 'dist'), emptyOutDir: true },
  });
  return entrySize(join(dir, 'dist'), 'index.html');
}
