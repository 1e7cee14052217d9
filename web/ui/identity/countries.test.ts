import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from '../../../shared/countries.js';
import { PINNED_CODES, loadCountries } from './countries.js';

describe('loadCountries', () => {
  it.each([
    ['zh-CN', ['中国', '中国香港', '中国澳门', '中国台湾']],
    ['en', ['China', 'Hong Kong SAR of China', 'Macao SAR of China', 'Taiwan, China']],
  ] as const)('%s: the regions first, named as mainland systems name them', async (lang, names) => {
    const list = await loadCountries(lang);
    expect(list.slice(0, 4)).toEqual(PINNED_CODES.map((code, i) => ({ code, name: names[i] })));
  });

  it.each(['zh-CN', 'en'] as const)('%s: every code the server accepts, once, with a name', async (lang) => {
    const list = await loadCountries(lang);
    expect(list.map((c) => c.code).sort()).toEqual([...COUNTRY_CODES].sort());
    for (const c of list) expect(c.name.trim()).not.toBe('');
  });

  it('sorts the rest by pinyin in Chinese', async () => {
    const names = (await loadCountries('zh-CN')).slice(4).map((c) => c.name);
    // 阿 (ā) … 巴 (bā) … 法 (fǎ) … 中非 (zhōng): pinyin order, not code-point order (中 < 阿 there).
    const at = (n: string) => names.indexOf(n);
    expect(at('阿富汗')).toBeGreaterThanOrEqual(0);
    expect(at('阿富汗')).toBeLessThan(at('巴西'));
    expect(at('巴西')).toBeLessThan(at('法国'));
    expect(at('法国')).toBeLessThan(at('中非'));
    expect(names.some((n) => n.includes('台湾'))).toBe(false);
  });

  it('sorts the rest alphabetically in English, accents folded', async () => {
    const names = (await loadCountries('en')).slice(4).map((c) => c.name);
    expect(names[0]).toBe('Afghanistan');
    expect(names.indexOf('Åland Islands')).toBeLessThan(names.indexOf('Albania'));
    expect(names.indexOf('Zimbabwe')).toBe(names.length - 1);
    expect(names).toContain('United States of America');
  });

  it('loads each language once', async () => {
    expect(loadCountries('en')).toBe(loadCountries('en'));
    expect(await loadCountries('zh-CN')).not.toBe(await loadCountries('en'));
  });
});
