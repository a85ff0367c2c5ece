// `npm run verify -- https://host --root ROOT_PUBLIC_KEY`: checks a live deployment against its
// signed release [Note: release manifest]. It fetches /release.json, checks the root's endorsement
// of the release key and the release key's signature, then fetches every listed file as a browser
// would and compares its SHA-256; the pages browsers open (/, /s/<code>, /staff/) must be the
// listed pages, and every script, style or worker they name must be listed. Each mismatch is
// printed; any makes the exit code 1. Schools, the municipality or anyone else can run it.
import { parseArgs } from 'node:util';
import {
  isCompressedCopy,
  MANIFEST_PATH,
  releaseId,
  sha256Hex,
  verifyManifest,
  type ReleaseManifest,
} from '../../shared/release/manifest.ts';
import { runCli } from './run-cli.ts';

/** What a browser opens, and the listed file each must be. */
const PAGES: [string, string][] = [
  ['/', 'index.html'],
  ['/s/verify', 'index.html'],
  ['/staff/', 'staff/index.html'],
];

/** What a browser is sent depends on what it accepts: every file is checked as each is served. */
const ENCODINGS = ['identity', 'gzip', 'br'] as const;

async function fetchBytes(
  url: URL,
  encoding: (typeof ENCODINGS)[number] = 'identity',
): Promise<{ status: number; bytes: Uint8Array }> {
  const res = await fetch(url, {
    redirect: 'error',
    headers: { 'Cache-Control': 'no-cache', 'Accept-Encoding': encoding },
  });
  // fetch decodes a compressed answer: the bytes are what the browser would run.
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Same-origin paths a page names in src= or href= (scripts, styles, icons, the manifest). */
function namedPaths(html: string, base: URL): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/\b(?:src|href)="([^"]+)"/g)) {
    const url = new URL(m[1] ?? '', base);
    if (url.origin === base.origin && !url.pathname.endsWith('/')) out.push(url.pathname.slice(1));
  }
  return out;
}

await runCli(async () => {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: { root: { type: 'string' } },
    allowPositionals: true,
  });
  const target = positionals[0];
  const root = values.root ?? process.env['ROOT_PUBLIC_KEY'];
  if (!target || !root) {
    throw new Error('usage: npm run verify -- https://host --root ROOT_PUBLIC_KEY');
  }
  const base = new URL(target.endsWith('/') ? target : `${target}/`);
  const got = await fetchBytes(new URL(MANIFEST_PATH, base));
  if (got.status !== 200) {
    throw new Error(`${base.origin}/${MANIFEST_PATH} answered ${got.status}: no signed release`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(new TextDecoder().decode(got.bytes));
  } catch {
    throw new Error(`${MANIFEST_PATH} is not JSON`);
  }
  const files = await verifyManifest(manifest, root);
  console.log(
    `Release ${await releaseId(manifest as ReleaseManifest)}: ${files.size} files, signed`,
  );

  const problems: string[] = [];
  for (const [path, expected] of files) {
    // A compressed copy is checked as stored; any other file as sent to each kind of browser.
    for (const encoding of isCompressedCopy(path) ? (['identity'] as const) : ENCODINGS) {
      const { status, bytes } = await fetchBytes(new URL(path, base), encoding);
      const as = encoding === 'identity' ? '' : ` (sent as ${encoding})`;
      if (status !== 200) problems.push(`${path}${as}: answered ${status}`);
      else if ((await sha256Hex(bytes)) !== expected)
        problems.push(`${path}${as}: content differs`);
    }
  }
  for (const [page, file] of PAGES) {
    const { status, bytes } = await fetchBytes(new URL(page.slice(1), base));
    if (status !== 200) {
      problems.push(`${page}: answered ${status}`);
      continue;
    }
    if ((await sha256Hex(bytes)) !== files.get(file)) {
      problems.push(`${page}: is not the release's ${file}`);
    }
    for (const named of namedPaths(new TextDecoder().decode(bytes), new URL(page, base))) {
      if (!files.has(named))
        problems.push(`${page} loads ${named}, which the release does not list`);
    }
  }
  for (const problem of problems) console.log(`MISMATCH ${problem}`);
  if (problems.length > 0) {
    throw new Error(`${problems.length} mismatch(es): this deployment does not serve the release`);
  }
  console.log(`ok: every file matches the signed release`);
});
