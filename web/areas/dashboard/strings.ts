// The dashboard's strings, loaded with its page (never precached on gate phones).

import { defineStrings } from '../../i18n/index.js';
import type { zhCN } from './strings.zh-CN.js';

export const { t, has: hasText } = defineStrings<keyof typeof zhCN>('dashboard', {
  'zh-CN': () => import('./strings.zh-CN.js').then((m) => m.zhCN),
  en: () => import('./strings.en.js').then((m) => m.en),
});
