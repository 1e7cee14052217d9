// The declaration area's strings (a holder's daily health declaration and their organisations),
// loaded in the current language before the page renders.

import { defineStrings } from '../../i18n/index.js';
import type { zhCN } from './strings.zh-CN.js';

export const { t, has: hasText } = defineStrings<keyof typeof zhCN>('declare', {
  'zh-CN': () => import('./strings.zh-CN.js').then((m) => m.zhCN),
  en: () => import('./strings.en.js').then((m) => m.en),
});
