// Entry point: styles, the app shell, the session read from the device, and the service worker.

import './boot.js';
import { render } from 'preact';
import { App, preloadLanding } from './app.js';
import { watchInstallPrompt } from './app/install.js';
import { loadSession } from './app/session.js';
import { registerServiceWorker } from './app/update.js';
import { lang, loadStrings } from './i18n/index.js';
import './styles.css';

document.documentElement.lang = lang.value;
// The page this address shows starts loading at once, beside the read of who is signed in (db/boot.ts
// reads it, and a holder's saved code, without Dexie); if they belong elsewhere, that page next.
preloadLanding();
void loadSession().then(preloadLanding);
watchInstallPrompt();
registerServiceWorker();
// The platform strings are a small chunk of their own (precached): the first paint waits for them,
// not for the network. Each area's strings come with its pages.
void loadStrings(lang.value).finally(() => render(<App />, document.getElementById('app')!));
