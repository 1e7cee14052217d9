// The service worker, small and boring on purpose: precache the app shell, the scanner chunk and
// the decoder .wasm (the first scan of the day may be offline), serve index.html for navigations,
// and never cache /api. Updates wait until the page says the outbox is idle (SKIP_WAITING).

/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install takes the open page at once, so it works offline without a reload. A later
// version still waits (no automatic skipWaiting) until the inspector accepts the update prompt.
clientsClaim();

// /api answers are live data (sessions, codes, records): they go to the network or fail, never a cache.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
