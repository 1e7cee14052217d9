import { describe, expect, it } from 'vitest';
import { RED_REASONS } from '../../shared/code/claims.js';
import { ERROR_CODES } from '../../shared/errors.js';
import { en } from './strings.en.js';
import { zhCN } from './strings.zh-CN.js';
import { dateFormat, errorText, formatTime, hasText, lang, loadStrings, pickLanguage, reasonText, setLang, t } from './index.js';
import { defineStrings, fill } from './tables.js';

describe('platform strings', () => {
  it('translates every API error code, every client-side failure and every red reason, in both languages', () => {
    const needed = [
      ...ERROR_CODES.map((c) => `error.${c}`),
      ...['network', 'timeout', 'bad_response', 'unknown'].map((c) => `error.${c}`),
      ...RED_REASONS.map((r) => `reason.${r}`),
    ];
    for (const table of [zhCN, en]) for (const key of needed) expect(table, key).toHaveProperty([key]);
  });

  it('picks zh-CN first, English when preferred, zh-CN when nothing matches', () => {
    expect(pickLanguage(['en-US', 'zh-CN'])).toBe('en');
    expect(pickLanguage(['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLanguage(['fr-FR'])).toBe('zh-CN');
    expect(pickLanguage([])).toBe('zh-CN');
  });

  it('fills placeholders, and puts the wait into resend and rate-limit errors', async () => {
    expect(fill('Send again in {s} s', { s: 42 })).toBe('Send again in 42 s');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    await setLang('en');
    expect(lang.value).toBe('en');
    expect(errorText('otp_resend_too_soon', 37)).toBe('Please wait 37 s before asking for another code.');
    expect(errorText('rate_limited', 12)).toContain('12');
    expect(errorText('bad_response')).toBe(en['error.bad_response']);
    expect(reasonText('close-contact')).toBe(en['reason.close-contact']);
    await setLang('zh-CN');
    expect(errorText('otp_invalid')).toBe(zhCN['error.otp_invalid']);
    expect(hasText('error.internal')).toBe(true);
    expect(hasText('error.no_such_code')).toBe(false);
    expect(t('app.name')).toBe(zhCN['app.name']);
  });
});

describe('dates', () => {
  it('makes one formatter per language and style, and formats in the language in use', async () => {
    const at = Date.UTC(2026, 1, 12, 6, 5);
    await setLang('en');
    const en = dateFormat('dayTime');
    expect(dateFormat('dayTime')).toBe(en);
    expect(dateFormat('time')).not.toBe(en);
    expect(formatTime(at)).toMatch(/Feb/);
    await setLang('zh-CN');
    expect(dateFormat('dayTime')).not.toBe(en);
    expect(formatTime(at)).toMatch(/2月/);
  });
});

describe('string tables', () => {
  it('loads a table only in the language in use, from its definition on, and every table before a switch', async () => {
    await setLang('zh-CN');
    const fetched: string[] = [];
    const table = defineStrings<'hello'>('test-area', {
      'zh-CN': async () => (fetched.push('zh-CN'), { hello: '你好' }),
      en: async () => (fetched.push('en'), { hello: 'Hello' }),
    });
    // Asked for as it is defined (the pages' modules are still loading), shown once it is in.
    expect(fetched).toEqual(['zh-CN']);
    expect(table.t('hello')).toBe('hello');
    await loadStrings('zh-CN');
    expect(fetched).toEqual(['zh-CN']);
    expect(table.t('hello')).toBe('你好');
    expect(table.has('hello')).toBe(true);
    expect(table.has('bye')).toBe(false);

    // The switch waits for the English table: the first English render is already English.
    const switching = setLang('en');
    expect(lang.value).toBe('zh-CN');
    await switching;
    expect(fetched).toEqual(['zh-CN', 'en']);
    expect(table.t('hello')).toBe('Hello');
    await setLang('zh-CN');
    await loadStrings('zh-CN');
    expect(fetched).toEqual(['zh-CN', 'en']);
  });
});
