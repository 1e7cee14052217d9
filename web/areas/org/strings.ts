// The organisation area's strings (an admin's organisation, its members, their declarations, its
// poster), loaded in the current language before an organisation page renders. Never precached.

import { defineStrings } from '../../i18n/index.js';
import type { zhCN } from './strings.zh-CN.js';

export const { t, has: hasText } = defineStrings<keyof typeof zhCN>('org', {
  'zh-CN': () => import('./strings.zh-CN.js').then((m) => m.zhCN),
  en: () => import('./strings.en.js').then((m) => m.en),
});
