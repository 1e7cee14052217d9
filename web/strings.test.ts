// Every string table of the app, found by folder (each area's strings.ts registers its own), in
// both languages: the same keys, none empty, the same {placeholders}. A new area is checked by
// being there.

import { describe, expect, it } from 'vitest';
import { LANGS, stringTables } from './i18n/index.js';

import.meta.glob('./areas/*/*strings.ts', { eager: true });

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('string tables', () => {
  const tables = stringTables();

  it('include the platform and every area', () => {
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['platform', 'signin', 'holder', 'gate', 'staff']));
  });

  it.each(tables.map((t) => [t.name, t] as const))('%s: both languages have the same keys, non-empty, with the same placeholders', async (_name, table) => {
    const [zh, ...others] = await Promise.all(LANGS.map((l) => table.loaders[l]()));
    for (const other of others) {
      expect(Object.keys(other).sort()).toEqual(Object.keys(zh!).sort());
      for (const key of Object.keys(zh!)) {
        expect(zh![key]!.trim(), key).not.toBe('');
        expect(other[key]!.trim(), key).not.toBe('');
        expect(placeholders(other[key]!), key).toEqual(placeholders(zh![key]!));
      }
    }
  });
});
