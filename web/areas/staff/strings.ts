// The staff area's strings. The table registers a loader per language; the app loads it in the
// current language before a staff page renders. Like the pages, it is never precached on gate phones.

import { defineStrings } from '../../i18n/index.js';
import type { zhCN } from './strings.zh-CN.js';

export const { t, has: hasText } = defineStrings<keyof typeof zhCN>('staff', {
  'zh-CN': () => import('./strings.zh-CN.js').then((m) => m.zhCN),
  en: () => import('./strings.en.js').then((m) => m.en),
});
