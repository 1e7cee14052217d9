// The family, print and identity pages' strings: loaded with those pages only, never with the code page.

import { defineStrings } from '../../i18n/index.js';
import type { familyZhCN } from './family-strings.zh-CN.js';

export const { t: ft } = defineStrings<keyof typeof familyZhCN>('family', {
  'zh-CN': () => import('./family-strings.zh-CN.js').then((m) => m.familyZhCN),
  en: () => import('./family-strings.en.js').then((m) => m.familyEn),
});
