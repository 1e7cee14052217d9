// The translation machinery: the language signal, and string tables that areas define for
// themselves. A table registers one loader per language; only the tables in use, in the language in
// use, are ever downloaded, and switching language loads every registered table before it switches.

import { signal } from '@preact/signals';
import { initialLang, LANG_STORAGE_KEY, type Lang } from './lang.js';

export { LANGS, pickLanguage, type Lang } from './lang.js';
export type Params = Record<string, string | number>;

export const lang = signal<Lang>(initialLang());
/** Bumped whenever a table arrives, so text rendered before it re-renders. */
const arrivals = signal(0);

export interface StringTable<K extends string> {
  /** The text for a key in the current language (the key itself until the table has loaded). */
  t(key: K, params?: Params): string;
  /** Whether a computed key (`reject.${reason}`) exists, so unknown values can be shown raw. */
  has(key: string): key is K;
}

interface Registered {
  name: string;
  loaders: Record<Lang, () => Promise<Record<string, string>>>;
  loaded: Partial<Record<Lang, Record<string, string>>>;
  /** A table on its way, so it is asked for once. */
  loading: Partial<Record<Lang, Promise<void>>>;
}

function loadTable(r: Registered, l: Lang): Promise<void> {
  r.loading[l] ??= r.loaders[l]().then(
    (table) => {
      r.loaded[l] = table;
    },
    (e: unknown) => {
      delete r.loading[l];
      throw e;
    },
  );
  return r.loading[l];
}
const registry: Registered[] = [];

export function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * Registers a table (one per area, plus the platform's). `K` comes from the Chinese table, and the
 * English one is typed Record<K, string>, so the keys cannot drift apart.
 */
export function defineStrings<K extends string>(name: string, loaders: Record<Lang, () => Promise<Record<K, string>>>): StringTable<K> {
  const entry: Registered = { name, loaders, loaded: {}, loading: {} };
  registry.push(entry);
  // A table is defined by the module of the pages that use it: start on the current language now,
  // while the rest of those pages' modules load, rather than after them.
  void loadTable(entry, lang.value).catch(() => undefined);
  const current = (): Record<string, string> | undefined => {
    void arrivals.value; // subscribe: a component re-renders when its table arrives
    return entry.loaded[lang.value];
  };
  return {
    t: (key, params) => fill(current()?.[key] ?? key, params),
    has: (key): key is K => key in (current() ?? {}),
  };
}

/** Loads every registered table in a language (those already held are not fetched again). */
export async function loadStrings(l: Lang): Promise<void> {
  const missing = registry.filter((r) => !r.loaded[l]);
  if (missing.length === 0) return;
  await Promise.all(missing.map((r) => loadTable(r, l)));
  arrivals.value++;
}

/** Switches only once every registered table is there in the new language: no half-translated screen. */
export async function setLang(next: Lang): Promise<void> {
  await loadStrings(next);
  lang.value = next;
  try {
    globalThis.localStorage?.setItem(LANG_STORAGE_KEY, next);
  } catch {
    // Not remembered, but the switch still works for this visit.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** Every registered table with its loaders, for the tests that compare languages. */
export function stringTables(): readonly { name: string; loaders: Record<Lang, () => Promise<Record<string, string>>> }[] {
  return registry.map(({ name, loaders }) => ({ name, loaders }));
}
