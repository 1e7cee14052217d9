import { describe, expect, it } from 'vitest';
import { CODE_KINDS, RED_REASONS } from '../../shared/code/claims.js';
import { VERDICT_KINDS } from '../../shared/code/verify.js';
import { ERROR_CODES } from '../../shared/errors.js';
import { REJECT_REASONS } from '../../shared/records.js';
import { enGate } from './en.gate.js';
import { en } from './en.js';
import './gate.js';
import { errorText, hasKey, lang, loadLanguage, pickLanguage, setLang, translate } from './index.js';
import { zhCNGate } from './zh-CN.gate.js';
import { zhCN } from './zh-CN.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const pairs: [string, Record<string, string>, Record<string, string>][] = [
  ['core', zhCN, en],
  ['gate', zhCNGate, enGate],
];

describe('i18n', () => {
  it('has every key in both languages, non-empty, with the same placeholders', () => {
    for (const [, zh, eng] of pairs) {
      expect(Object.keys(eng).sort()).toEqual(Object.keys(zh).sort());
      for (const key of Object.keys(zh)) {
        expect(zh[key]!.trim(), key).not.toBe('');
        expect(eng[key]!.trim(), key).not.toBe('');
        expect(placeholders(eng[key]!), key).toEqual(placeholders(zh[key]!));
      }
    }
    const core = new Set(Object.keys(zhCN));
    expect(Object.keys(zhCNGate).filter((k) => core.has(k))).toEqual([]);
  });

  it('translates every API error code, verdict, red reason, code kind and reject reason', async () => {
    const needed = [
      ...Object.keys(ERROR_CODES).map((c) => `error.${c}`),
      ...VERDICT_KINDS.map((k) => `verdict.${k}`),
      ...RED_REASONS.map((r) => `reason.${r}`),
      ...CODE_KINDS.map((k) => `code.kind.${k}`),
      ...REJECT_REASONS.map((r) => `reject.${r}`),
      ...['no-trust-list', 'trust-list-stale', 'no-red-list', 'red-list-stale'].map((b) => `verdict.because.${b}`),
    ];
    for (const l of ['zh-CN', 'en'] as const) {
      await setLang(l);
      for (const key of needed) expect(hasKey(key), `${l} ${key}`).toBe(true);
    }
  });

  it('picks zh-CN first, English when preferred, zh-CN when nothing matches', () => {
    expect(pickLanguage(['en-US', 'zh-CN'])).toBe('en');
    expect(pickLanguage(['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLanguage(['fr-FR'])).toBe('zh-CN');
    expect(pickLanguage([])).toBe('zh-CN');
  });

  it('fills placeholders, and puts the wait into resend and rate-limit errors', async () => {
    await loadLanguage('en');
    expect(translate('en', 'signin.resendIn', { s: 42 })).toBe('Send again in 42 s');
    await setLang('en');
    expect(lang.value).toBe('en');
    expect(errorText('otp_resend_too_soon', 37)).toBe('Please wait 37 s before asking for another code.');
    expect(errorText('rate_limited', 12)).toContain('12');
    await setLang('zh-CN');
    expect(errorText('otp_invalid')).toBe(zhCN['error.otp_invalid']);
  });
});
