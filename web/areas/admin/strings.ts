// The authority console's strings. The table registers a loader per language; the app loads it in
// the current language before the page renders.

import { defineStrings } from '../../i18n/index.js';
import type { zhCN } from './strings.zh-CN.js';

export const { t, has: hasText } = defineStrings<keyof typeof zhCN>('admin', {
  'zh-CN': () => import('./strings.zh-CN.js').then((m) => m.zhCN),
  en: () => import('./strings.en.js').then((m) => m.en),
});
