// The language in use at start: the one the person chose last time on this device, else the
// browser's preference. Free of signals and tables, so the start-up script (web/boot.ts) can ask for
// the first string table before the app's modules have loaded.

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const LANG_STORAGE_KEY = 'hg.lang';

/** zh-CN first: any Chinese preference wins over English, and so does no preference at all. */
export function pickLanguage(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const t = tag.toLowerCase();
    if (t.startsWith('zh')) return 'zh-CN';
    if (t.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en') return saved;
  } catch {
    // Storage can be blocked (private mode); the browser's preference still works.
  }
  const nav = globalThis.navigator as Navigator | undefined;
  return pickLanguage(nav?.languages ?? (nav?.language ? [nav.language] : []));
}
