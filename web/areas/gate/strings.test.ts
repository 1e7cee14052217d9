import { describe, expect, it } from 'vitest';
import { PRESENCES, VERDICT_KINDS } from '../../../shared/code/verify.js';
import { REJECT_REASONS } from '../../../shared/records.js';
import { en } from './strings.en.js';
import { zhCN } from './strings.zh-CN.js';

describe('gate strings', () => {
  it('say every verdict (and each way a green code can be shown), every presence, every replay reason and every reason a verdict cannot be confirmed', () => {
    const titles = [...VERDICT_KINDS, 'green-printed', 'green-not-live'];
    const needed = [
      ...titles.map((k) => `verdict.${k}`),
      ...titles.map((k) => `speak.${k}`),
      ...PRESENCES.map((p) => `presence.${p}`),
      ...['proof-too-old', 'proof-in-future', 'no-proof'].map((r) => `verdict.replay.${r}`),
      ...['no-trust-list', 'trust-list-stale', 'no-red-list', 'red-list-stale'].map((b) => `verdict.because.${b}`),
      ...REJECT_REASONS.map((r) => `reject.${r}`),
      ...['pending', 'uploaded', 'rejected'].map((s) => `today.${s}`),
    ];
    for (const table of [zhCN, en]) for (const key of needed) expect(table, key).toHaveProperty([key]);
  });
});
