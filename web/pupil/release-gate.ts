// [Note: release gate] The pupil app's service worker installs an update only when the new files
// are the ones a release key signed [Note: release manifest]: before the new worker may take over,
// it fetches /release.json, checks the root's endorsement of the release key against the root key
// compiled into the app [Note: pinned root key] and the release key's signature, then fetches every
// file of the pupil app and compares its SHA-256. Any mismatch fails the install: the browser
// drops the new worker, the last verified version keeps working (offline too), and the open pages
// are told so the child sees it plainly. Nothing calls skipWaiting: a verified update takes over
// when the app's pages are closed, as any service worker update does.
//
// What the worker remembers (Cache Storage, public data only): the root key it trusted, and
// whether it has seen a signed release. A later version pinning another root key is refused; once
// a signed release was seen, a deployment without one is refused too. A deployment that never
// published a release installs unchecked (the staff footer says "unsigned").
import {
  isCompressedCopy,
  MANIFEST_PATH,
  sha256Hex,
  verifyManifest,
} from '../../shared/release/manifest.ts';
import { PINNED_ROOT_PUBLIC_KEY } from '../common/pinned-root.ts';
import { RELEASE_REFUSED } from './release-refused.ts';

const TRUST_CACHE = 'bezpieczny-glos-release-trust';
const TRUST_KEY = '/release-trust';

interface Trust {
  root: string;
  signed: boolean;
}

/** The files the pupil app runs: everything but the staff app's, and not the compressed copies
 * (a fetch gets the copy the browser accepts, decoded: its bytes are the listed file's). */
const pupilFile = (path: string) =>
  !path.startsWith('staff/') && !path.startsWith('assets/staff-') && !isCompressedCopy(path);

async function remembered(): Promise<Trust | null> {
  const res = await (await caches.open(TRUST_CACHE)).match(TRUST_KEY);
  return res ? ((await res.json()) as Trust) : null;
}

async function remember(trust: Trust): Promise<void> {
  await (await caches.open(TRUST_CACHE)).put(TRUST_KEY, new Response(JSON.stringify(trust)));
}

/** Resolves when the files served now are a signed release (or no release was ever seen). */
export async function checkRelease(): Promise<void> {
  const trusted = await remembered();
  if (trusted && trusted.root !== PINNED_ROOT_PUBLIC_KEY) {
    throw new Error('the new version trusts another root key');
  }
  const res = await fetch(`/${MANIFEST_PATH}`, { cache: 'no-store' });
  if (res.status === 404 && !trusted?.signed) {
    await remember({ root: PINNED_ROOT_PUBLIC_KEY, signed: false });
    return;
  }
  if (!res.ok) throw new Error(`release.json answered ${res.status}`);
  const files = await verifyManifest(await res.json(), PINNED_ROOT_PUBLIC_KEY);
  for (const [path, expected] of files) {
    if (!pupilFile(path)) continue;
    const file = await fetch(`/${path}`, { cache: 'no-store' });
    if (!file.ok || (await sha256Hex(await file.arrayBuffer())) !== expected) {
      throw new Error(`${path} is not the signed file`);
    }
  }
  await remember({ root: PINNED_ROOT_PUBLIC_KEY, signed: true });
}

/** Registers the gate; call before anything else adds its install handler. */
export function installReleaseGate(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener('install', (event) => {
    event.waitUntil(
      checkRelease().catch(async (error: unknown) => {
        const pages = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
        for (const page of pages) page.postMessage({ type: RELEASE_REFUSED });
        throw error;
      }),
    );
  });
}
