// The page's entry (index.html), small on purpose: it starts what the first paint waits for from the
// device — the read of who is signed in and their saved code (db/boot.ts, without Dexie) and the
// platform strings in the language in use — and only then loads the app (main.tsx). The app's modules
// run only once all of them are fetched and compiled; the device works meanwhile.

import { codePage, holderTable } from './areas/holder/landing.js';
import { bootRows, copiedAccount } from './db/boot.js';
import { initialLang } from './i18n/lang.js';
import { platformTable } from './i18n/platform-table.js';
// In index.html's <head> (Vite links an entry's styles there), not behind the app's chunks.
import './styles.css';

void bootRows();
const lang = initialLang();
void platformTable[lang]().catch(() => undefined);
void import('./main.js');
// A holder opening the app lands on their code: its page and strings load beside the app's modules,
// not once the app has run and asked for them (10–25 ms sooner at 4× CPU: e2e/bench/holder-family.ts, in turns).
const path = location.pathname;
if ((path === '/' || path === '/code') && copiedAccount()?.role === 'holder') {
  void codePage().catch(() => undefined);
  void holderTable[lang]().catch(() => undefined);
}
