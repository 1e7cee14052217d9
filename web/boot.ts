// Evaluated before the rest of the app (main.tsx imports it first): the device's read of who is
// signed in and their saved code (db/boot.ts) is on its way while the other modules run.

import { bootRows } from './db/boot.js';

void bootRows();
