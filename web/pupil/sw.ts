// The pupil app's service worker [Note: offline shell]: it precaches the pupil app shell only
// (never staff code, never API answers), so an own phone can open the app and write offline, and
// it installs an update only after the release gate checked it [Note: release gate]. Registered
// only outside kiosk mode: a shared school tablet keeps no cache of the visit.
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { installReleaseGate } from './release-gate.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

installReleaseGate(self);
// The list of files is written in here at build time (the plugin looks for this exact name).
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Workbox matches pathname and query: / and /?school=...&fp=... (the poster link).
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    allowlist: [/^\/(\?.*)?$/],
    denylist: [/^\/api\//, /^\/staff/, /^\/s\//],
  }),
);
