// Entry point: styles, the app shell, the session read from the device, and the service worker.

import { render } from 'preact';
import { App } from './app.js';
import { watchActivity } from './app/activity.js';
import { watchInstallPrompt } from './app/install.js';
import { loadSession } from './app/session.js';
import { registerServiceWorker } from './app/update.js';
import { lang, loadStrings } from './i18n/index.js';
import './styles.css';

document.documentElement.lang = lang.value;
void loadSession();
watchActivity();
watchInstallPrompt();
registerServiceWorker();
// The platform strings are a small chunk of their own (precached): the first paint waits for them,
// not for the network. Each area's strings come with its pages.
void loadStrings(lang.value).finally(() => render(<App />, document.getElementById('app')!));
