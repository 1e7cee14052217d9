// The holder's strings. The table registers a loader per language (landing.ts, which the start-up
// script also calls); the app loads it in the current language before the code page renders.

import { defineStrings } from '../../i18n/index.js';
import { holderTable } from './landing.js';
import type { zhCN } from './strings.zh-CN.js';

export const { t, has: hasText } = defineStrings<keyof typeof zhCN>('holder', holderTable);
