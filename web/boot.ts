// The page's entry (index.html), small on purpose: it starts what the first paint waits for from the
// device — the read of who is signed in and their saved code (db/boot.ts, without Dexie) and the
// platform strings in the language in use — and only then loads the app (main.tsx). The app's modules
// run only once all of them are fetched and compiled; the device works meanwhile.

import { bootRows } from './db/boot.js';
import { initialLang } from './i18n/lang.js';
import { platformTable } from './i18n/platform-table.js';
// In index.html's <head> (Vite links an entry's styles there), not behind the app's chunks.
import './styles.css';

void bootRows();
void platformTable[initialLang()]().catch(() => undefined);
void import('./main.js');
