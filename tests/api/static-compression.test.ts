// [Note: precompressed assets]: the copy of a file the browser accepts (brotli before gzip) is
// sent as built, with its Content-Encoding; every answer of a compressible file, compressed or
// not, says Vary: Accept-Encoding; hashed assets stay immutable and pages stay no-store.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { DIALECTS } from './test-db.ts';

const SCRIPT = `export const words = ${JSON.stringify('zgłoszenie '.repeat(400))};\n`;

function builtWebDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-compressed-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'staff'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>pupil</title>');
  writeFileSync(join(dir, 'staff', 'index.html'), '<!doctype html><title>staff</title>');
  const asset = join(dir, 'assets', 'pupil-abc123.js');
  writeFileSync(asset, SCRIPT);
  writeFileSync(`${asset}.br`, brotliCompressSync(SCRIPT));
  writeFileSync(`${asset}.gz`, gzipSync(SCRIPT));
  // A compressible file the build left uncompressed (under 1 kB).
  writeFileSync(join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe.each(DIALECTS)('precompressed static files on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { webDir: builtWebDir() });
  });
  afterAll(() => t.close());

  const get = (path: string, encodings?: string) =>
    t.app.request(
      path,
      encodings === undefined ? {} : { headers: { 'Accept-Encoding': encodings } },
    );

  it('sends the brotli copy to a browser that takes it, gzip to one that takes only gzip', async () => {
    const br = await get('/assets/pupil-abc123.js', 'gzip, deflate, br, zstd');
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toContain('javascript');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(brBytes).toString()).toBe(SCRIPT);

    const gz = await get('/assets/pupil-abc123.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(SCRIPT);
  });

  it('sends the file itself, still varying on Accept-Encoding, to a client that takes neither', async () => {
    for (const encodings of [undefined, 'identity']) {
      const plain = await get('/assets/pupil-abc123.js', encodings);
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(await plain.text()).toBe(SCRIPT);
    }
    const svg = await get('/icon.svg', 'br, gzip');
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-encoding')).toBeNull();
    expect(svg.headers.get('vary')).toMatch(/accept-encoding/i);
  });

  it('keeps the pages uncached, under their paths and their file names', async () => {
    for (const path of ['/', '/s/SP1', '/staff/', '/index.html', '/staff/index.html']) {
      const page = await get(path, 'br, gzip');
      expect(page.status, path).toBe(200);
      expect(page.headers.get('cache-control'), path).toBe('no-store');
      expect(page.headers.get('content-type'), path).toContain('text/html');
    }
  });
});
