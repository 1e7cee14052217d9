// The app's start, loaded by boot.ts (the page's entry) once it has started the device read: the app
// shell, the session read from the device, and the service worker.

import { render } from 'preact';
import { App, preloadLanding } from './app.js';
import { watchInstallPrompt } from './app/install.js';
import { afterPaint } from './app/after-paint.js';
import { loadSession, refreshMe } from './app/session.js';
import { registerServiceWorker } from './app/update.js';
import { lang, loadStrings } from './i18n/index.js';

document.documentElement.lang = lang.value;
// The page this address shows starts loading at once, beside the read of who is signed in (started
// by boot.ts, db/boot.ts reads it and a holder's saved code without Dexie); if they belong elsewhere,
// that page next.
void preloadLanding();
const landing = loadSession().then(preloadLanding);
watchInstallPrompt();
registerServiceWorker();
// One first render, with what it shows: the platform strings (a small precached chunk; each area's
// come with its pages), who is signed in and, when the service worker serves the app, their page —
// not a "loading" screen redrawn as each arrives. A page from the network (a first visit) is not
// waited for: "loading" shows meanwhile.
const served = typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller;
void Promise.all([loadStrings(lang.value), served ? landing : undefined]).finally(() => {
  render(<App />, document.getElementById('app')!);
  // The server is asked who is signed in once that frame is drawn: offline, its failure (and the
  // "offline" chip it brings) would otherwise be drawn first.
  void Promise.all([landing, afterPaint()]).then(refreshMe);
});
