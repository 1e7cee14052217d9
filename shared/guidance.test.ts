import { describe, expect, it } from 'vitest';
import { RED_REASONS } from './code/claims.js';
import { CLEARING_RULE } from './feeds.js';
import { guidanceFor, RED_REASON_GUIDANCE } from './guidance.js';

const CJK = /[\u4E00-\u9FFF]/;

describe('red-reason guidance', () => {
  it('has a title and steps in zh-CN and English for every reason except none', () => {
    for (const reason of RED_REASONS.filter((r) => r !== 'none')) {
      const zh = guidanceFor(reason, 'zh-CN');
      const en = guidanceFor(reason, 'en');
      expect(zh?.title, reason).toMatch(CJK);
      expect(en?.title.trim(), reason).not.toBe('');
      expect(en!.title, reason).not.toMatch(CJK);
      expect(zh!.steps.length, reason).toBeGreaterThan(0);
      expect(en!.steps.length, reason).toBe(zh!.steps.length);
      for (const step of zh!.steps) expect(step, reason).toMatch(CJK);
      for (const step of en!.steps) {
        expect(step.trim(), reason).not.toBe('');
        expect(step, reason).not.toMatch(CJK);
      }
    }
  });

  it('has no guidance for a green code, and no entry for a reason that does not exist', () => {
    expect(guidanceFor('none', 'en')).toBeUndefined();
    expect(Object.keys(RED_REASON_GUIDANCE).sort()).toEqual(RED_REASONS.filter((r) => r !== 'none').sort());
  });

  it('quotes the clearing rule the server applies to a positive result', () => {
    const en = guidanceFor('positive-test', 'en')!.steps.join(' ');
    const zh = guidanceFor('positive-test', 'zh-CN')!.steps.join('');
    expect(en).toContain(`${CLEARING_RULE.minGapHours} hours apart`);
    expect(zh).toContain(`${CLEARING_RULE.minGapHours} 小时`);
    expect(en).toMatch(/two tests/);
    expect(zh).toContain('两次核酸');
  });
});
