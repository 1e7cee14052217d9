// The platform table's loaders, one per language: registered by i18n/index.ts, and called early by
// the start-up script (web/boot.ts), so the table the first paint waits for is on its way before the
// app's modules have loaded (the same chunk: it is fetched once).

import type { Lang } from './lang.js';
import type { zhCN } from './strings.zh-CN.js';

export const platformTable: Record<Lang, () => Promise<Record<keyof typeof zhCN, string>>> = {
  'zh-CN': () => import('./strings.zh-CN.js').then((m) => m.zhCN),
  en: () => import('./strings.en.js').then((m) => m.en),
};
