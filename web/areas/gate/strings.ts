// The gate's strings (inspectors only). The table registers a loader per language; the app loads
// it in the current language before the gate page renders, so the holder never downloads it.

import { defineStrings } from '../../i18n/index.js';
import type { zhCN } from './strings.zh-CN.js';

export type GateKey = keyof typeof zhCN;

export const { t, has: hasText } = defineStrings<GateKey>('gate', {
  'zh-CN': () => import('./strings.zh-CN.js').then((m) => m.zhCN),
  en: () => import('./strings.en.js').then((m) => m.en),
});
