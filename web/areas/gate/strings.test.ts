import { describe, expect, it } from 'vitest';
import { VERDICT_KINDS } from '../../../shared/code/verify.js';
import { REJECT_REASONS } from '../../../shared/records.js';
import { en } from './strings.en.js';
import { zhCN } from './strings.zh-CN.js';

describe('gate strings', () => {
  it('say every verdict, every reason a verdict cannot be confirmed, and every reject reason', () => {
    const needed = [
      ...VERDICT_KINDS.map((k) => `verdict.${k}`),
      ...['no-trust-list', 'trust-list-stale', 'no-red-list', 'red-list-stale'].map((b) => `verdict.because.${b}`),
      ...REJECT_REASONS.map((r) => `reject.${r}`),
    ];
    for (const table of [zhCN, en]) for (const key of needed) expect(table, key).toHaveProperty([key]);
  });
});
