// The running build's release [Note: release manifest]: the id of the signed file list the server
// publishes, whether it verifies against the pinned root key, and whether the scripts and styles
// this page runs are the listed ones (read back from the browser's cache, where hashed assets
// are kept as they were loaded). A counsellor compares the id with the published one.
import { useEffect, useState } from 'preact/hooks';
import {
  MANIFEST_PATH,
  releaseId,
  sha256Hex,
  verifyManifest,
  type ReleaseManifest,
} from '../../../shared/release/manifest.ts';
import { PINNED_ROOT_PUBLIC_KEY } from '../../common/pinned-root.ts';
import { ts } from '../i18n.ts';

type State = { kind: 'signed' | 'bad'; id: string } | { kind: 'unsigned' } | null;

/** The same-origin scripts and styles this page loaded, as paths relative to the web root. */
function loadedFiles(): string[] {
  const urls = [
    ...[...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((s) => s.src),
    ...[...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((l) => l.href),
  ];
  return urls
    .map((u) => new URL(u, location.href))
    .filter((u) => u.origin === location.origin)
    .map((u) => u.pathname.slice(1));
}

async function check(): Promise<State> {
  const res = await fetch(`/${MANIFEST_PATH}`, { cache: 'no-store' });
  if (res.status === 404) return { kind: 'unsigned' };
  const manifest = (await res.json()) as ReleaseManifest;
  const id = await releaseId(manifest).catch(() => '?');
  try {
    const files = await verifyManifest(manifest, PINNED_ROOT_PUBLIC_KEY);
    for (const path of loadedFiles()) {
      const file = await fetch(`/${path}`, { cache: 'force-cache' });
      if (files.get(path) !== (await sha256Hex(await file.arrayBuffer())))
        return { kind: 'bad', id };
    }
    return { kind: 'signed', id };
  } catch {
    return { kind: 'bad', id };
  }
}

export function ReleaseInfo(props: { hint?: boolean }) {
  const [state, setState] = useState<State>(null);
  useEffect(() => {
    check().then(setState, () => setState(null));
  }, []);
  if (!state) return null;
  return (
    <p class={state.kind === 'bad' ? 'release notice notice--error' : 'release'}>
      {ts('release')}:{' '}
      {state.kind === 'unsigned' ? (
        ts('releaseUnsigned')
      ) : (
        <>
          <span class="fingerprint">{state.id}</span>,{' '}
          {state.kind === 'signed' ? ts('releaseSigned') : ts('releaseBad')}
        </>
      )}
      {props.hint && (
        <>
          <br />
          <span class="hint">{ts('releaseHint')}</span>
        </>
      )}
    </p>
  );
}
