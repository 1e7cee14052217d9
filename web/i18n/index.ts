// The platform's strings (app shell, errors, red reasons, times) and the helpers every area uses to
// say an error, a reason or an age in words. Areas keep their own tables (areas/<x>/strings.ts).

import type { RedReason } from '../../shared/code/claims.js';
import type { FailureCode } from '../http.js';
import { platformTable } from './platform-table.js';
import { defineStrings, lang } from './tables.js';
import type { zhCN } from './strings.zh-CN.js';

export { defineStrings, lang, LANGS, loadStrings, pickLanguage, setLang, stringTables, type Lang, type Params, type StringTable } from './tables.js';

/** The platform table: loaded before the first render, in the current language only. */
export const { t, has: hasText } = defineStrings<keyof typeof zhCN>('platform', platformTable);

/** A failure (an API error code, or the client's own: network, timeout, bad_response) in words, with its wait. */
export function errorText(code: FailureCode, retryAfterSec?: number): string {
  const key = `error.${code}`;
  if (!hasText(key)) return t('error.unknown');
  const s = retryAfterSec ?? 60;
  const text = t(key, { s });
  return retryAfterSec && !key.includes('resend') ? text + t('error.retryAfter', { s: retryAfterSec }) : text;
}

/** Why a code is red: the holder's page and the gate's verdict say it the same way. */
export const reasonText = (reason: RedReason): string => t(`reason.${reason}`);

/** "3 min ago" and the like, for the age of a code, a list or a sync. */
export function ago(thenMs: number | null | undefined, nowMs: number): string {
  if (thenMs == null) return t('time.never');
  const min = Math.floor(Math.max(0, nowMs - thenMs) / 60_000);
  if (min < 1) return t('time.justNow');
  if (min < 60) return t('time.minutesAgo', { n: min });
  const h = Math.floor(min / 60);
  if (h < 48) return t('time.hoursAgo', { n: h });
  return t('time.daysAgo', { n: Math.floor(h / 24) });
}

const DATE_STYLES = {
  dayTime: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false },
  time: { hour: '2-digit', minute: '2-digit', hour12: false },
  seconds: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
  weekdayDate: { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A date formatter for the current language, made once per language and style: making one costs
 * hundreds of times what formatting with it does, and the code page formats four every second.
 */
export function dateFormat(style: keyof typeof DATE_STYLES): Intl.DateTimeFormat {
  const key = `${lang.value} ${style}`;
  let made = formatters.get(key);
  if (!made) formatters.set(key, (made = new Intl.DateTimeFormat(lang.value, DATE_STYLES[style])));
  return made;
}

/** Day and time with the month in words ("Feb 12, 06:05", "2月12日 06:05"): "12/02" reads differently to different travellers. */
export function formatTime(ms: number): string {
  return dateFormat('dayTime').format(ms);
}

/** The time of day only (24-hour "14:05"), for lists of today's events. */
export function formatClockTime(ms: number): string {
  return dateFormat('time').format(ms);
}
