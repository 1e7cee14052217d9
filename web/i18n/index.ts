// Every user-facing string goes through t(). The language is a signal (chosen from the browser's
// languages, switchable, remembered on the device). Only the active language's dictionary is
// loaded, and the gate's strings come with the gate page: the holder's page stays small.

import { signal } from '@preact/signals';
import type { ErrorCode } from '../../shared/errors.js';
import type { zhCNGate } from './zh-CN.gate.js';
import type { zhCN } from './zh-CN.js';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type CoreKey = keyof typeof zhCN;
export type GateKey = keyof typeof zhCNGate;
export type MessageKey = CoreKey | GateKey;
export type Params = Record<string, string | number>;
export type Dictionary<K extends string> = Record<K, string>;

const STORAGE_KEY = 'hg.lang';
const loaders: Record<Lang, () => Promise<Dictionary<CoreKey>>> = {
  'zh-CN': () => import('./zh-CN.js').then((m) => m.zhCN),
  en: () => import('./en.js').then((m) => m.en),
};
const dicts: Partial<Record<Lang, Partial<Dictionary<MessageKey>>>> = {};

/** zh-CN first: any Chinese preference wins over English, and so does no preference at all. */
export function pickLanguage(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const t = tag.toLowerCase();
    if (t.startsWith('zh')) return 'zh-CN';
    if (t.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en') return saved;
  } catch {
    // Storage can be blocked (private mode); the browser's preference still works.
  }
  const nav = globalThis.navigator as Navigator | undefined;
  return pickLanguage(nav?.languages ?? (nav?.language ? [nav.language] : []));
}

export const lang = signal<Lang>(initialLang());

/** Makes a language's strings available (tests and the gate add theirs directly). */
export function addStrings(l: Lang, strings: Partial<Dictionary<MessageKey>>): void {
  dicts[l] = { ...dicts[l], ...strings };
}

export async function loadLanguage(l: Lang): Promise<void> {
  if (!dicts[l]?.['app.name']) addStrings(l, await loaders[l]());
}

export async function setLang(next: Lang): Promise<void> {
  await loadLanguage(next);
  lang.value = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered, but the switch still works for this visit.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

export function translate(l: Lang, key: MessageKey, params?: Params): string {
  const text = dicts[l]?.[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Reads the language signal, so a component calling it re-renders on a switch. */
export const t = (key: MessageKey, params?: Params): string => translate(lang.value, key, params);

export function hasKey(key: string): key is MessageKey {
  return key in (dicts[lang.value] ?? {});
}

/** An API error code (and its wait, when the server gave one) in words. */
export function errorText(code: ErrorCode | 'network' | 'timeout' | 'unknown', retryAfterSec?: number): string {
  const key = `error.${code}`;
  if (!hasKey(key)) return t('error.unknown');
  const s = retryAfterSec ?? 60;
  const text = t(key, { s });
  return retryAfterSec && !key.includes('resend') ? text + t('error.retryAfter', { s: retryAfterSec }) : text;
}

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

export function formatTime(ms: number): string {
  return new Intl.DateTimeFormat(lang.value, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(ms);
}
