import { describe, expect, it } from 'vitest';
import { RED_REASONS, CODE_KINDS } from '../../shared/code/claims.js';
import { VERDICT_KINDS } from '../../shared/code/verify.js';
import { ERROR_CODES } from '../../shared/errors.js';
import { REJECT_REASONS } from '../../shared/records.js';
import { en } from './en.js';
import { errorText, hasKey, lang, pickLanguage, setLang, translate } from './index.js';
import { zhCN } from './zh-CN.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has every key in both languages, non-empty, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it('translates every API error code, verdict, red reason, code kind and reject reason', () => {
    const needed = [
      ...Object.keys(ERROR_CODES).map((c) => `error.${c}`),
      ...VERDICT_KINDS.map((k) => `verdict.${k}`),
      ...RED_REASONS.map((r) => `reason.${r}`),
      ...CODE_KINDS.map((k) => `code.kind.${k}`),
      ...REJECT_REASONS.map((r) => `reject.${r}`),
      ...['no-trust-list', 'trust-list-stale', 'no-red-list', 'red-list-stale'].map((b) => `verdict.because.${b}`),
    ];
    for (const key of needed) expect(hasKey(key), key).toBe(true);
  });

  it('picks zh-CN first, English when preferred, zh-CN when nothing matches', () => {
    expect(pickLanguage(['en-US', 'zh-CN'])).toBe('en');
    expect(pickLanguage(['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLanguage(['fr-FR'])).toBe('zh-CN');
    expect(pickLanguage([])).toBe('zh-CN');
  });

  it('fills placeholders and puts the wait into a resend error', () => {
    expect(translate('en', 'signin.resendIn', { s: 42 })).toBe('Send again in 42 s');
    setLang('en');
    expect(lang.value).toBe('en');
    expect(errorText('otp_resend_too_soon', 37)).toContain('37');
    expect(errorText('rate_limited', 12)).toContain('12');
    setLang('zh-CN');
    expect(errorText('otp_invalid')).toBe(zhCN['error.otp_invalid']);
  });
});
