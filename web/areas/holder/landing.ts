// What the holder's code page needs before it renders, as loaders: its chunk and its strings table
// in each language. The routes load them (app.tsx); the start-up script (boot.ts) starts them beside
// the app's own modules when a holder opens the app, since the code page is the one opened offline
// at a gate, with someone waiting. Free of signals and components, so the start-up stays small.

import type { Lang } from '../../i18n/lang.js';
import type { zhCN } from './strings.zh-CN.js';

export const codePage = () => import('./CodePage.js');

export const holderTable: Record<Lang, () => Promise<Record<keyof typeof zhCN, string>>> = {
  'zh-CN': () => import('./strings.zh-CN.js').then((m) => m.zhCN),
  en: () => import('./strings.en.js').then((m) => m.en),
};
