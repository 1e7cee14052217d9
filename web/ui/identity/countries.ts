// The country/region list of the traveller's form, named and sorted in the UI language. Loaded on
// demand: only the page that shows the list fetches one locale file of i18n-iso-countries.

import type { Lang } from '../../i18n/index.js';

export interface CountryOption {
  /** ISO 3166-1 alpha-2, as shared/countries.ts validates it. */
  code: string;
  name: string;
}

/** Listed first, and named as mainland systems name them: Hong Kong, Macao and Taiwan as regions of China. */
export const PINNED_CODES = ['CN', 'HK', 'MO', 'TW'] as const;
type PinnedCode = (typeof PINNED_CODES)[number];

const REGION_NAMES: Record<Lang, Record<PinnedCode, string>> = {
  'zh-CN': { CN: '中国', HK: '中国香港', MO: '中国澳门', TW: '中国台湾' },
  en: { CN: 'China', HK: 'Hong Kong SAR of China', MO: 'Macao SAR of China', TW: 'Taiwan, China' },
};

// Static import paths, so the bundler makes one small chunk per language and no other locale.
// The locale files are read directly: the library's registerLocale/getNames would add its code
// table and a diacritics module to the chunk only to pick the first name of each entry.
const LOCALES: Record<Lang, () => Promise<{ countries: Record<string, string | readonly string[]> }>> = {
  'zh-CN': () => import('i18n-iso-countries/langs/zh.json').then((m) => m.default),
  en: () => import('i18n-iso-countries/langs/en.json').then((m) => m.default),
};

const COLLATION: Record<Lang, string> = { 'zh-CN': 'zh-CN', en: 'en' };
const loaded = new Map<Lang, Promise<readonly CountryOption[]>>();

/** Every country and region once: the four pinned first, then the rest in the language's order (pinyin for zh-CN). */
export function loadCountries(lang: Lang): Promise<readonly CountryOption[]> {
  let list = loaded.get(lang);
  if (!list) {
    list = LOCALES[lang]().then(({ countries }) => buildList(lang, countries));
    // A failed load (offline) may be tried again later.
    list.catch(() => loaded.delete(lang));
    loaded.set(lang, list);
  }
  return list;
}

function buildList(lang: Lang, countries: Record<string, string | readonly string[]>): readonly CountryOption[] {
  const pinned = new Set<string>(PINNED_CODES);
  const collator = new Intl.Collator(COLLATION[lang]);
  const rest = Object.entries(countries)
    .filter(([code]) => !pinned.has(code))
    .map(([code, names]) => ({ code, name: typeof names === 'string' ? names : (names[0] ?? code) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  const first = PINNED_CODES.map((code) => ({ code, name: REGION_NAMES[lang][code] }));
  return Object.freeze([...first, ...rest]);
}
