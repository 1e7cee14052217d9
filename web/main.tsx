// Entry point: styles, the app shell, the session read from the device, and the service worker.

import { render } from 'preact';
import { App } from './app.js';
import { lang, loadLanguage } from './i18n/index.js';
import { watchActivity } from './state/activity.js';
import { loadSession } from './state/session.js';
import { registerServiceWorker } from './state/update.js';
import './styles.css';

document.documentElement.lang = lang.value;
void loadSession();
watchActivity();
registerServiceWorker();
// The dictionary is a small chunk of its own (precached): the first paint waits for it, not for the network.
void loadLanguage(lang.value).finally(() => render(<App />, document.getElementById('app')!));
