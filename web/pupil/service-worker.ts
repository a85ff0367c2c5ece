// Registers the pupil app's service worker on an own device [Note: offline shell] and listens for
// the release gate's refusal of an update [Note: release gate], which the app then shows plainly.
import { signal } from '@preact/signals';
import { RELEASE_REFUSED } from './release-refused.ts';

/** An update was refused because its files are not the signed release. */
export const updateRefused = signal(false);

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown } | null;
    if (data?.type === RELEASE_REFUSED) updateRefused.value = true;
  });
  void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
}
