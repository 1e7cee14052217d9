import { describe, expect, it } from 'vitest';
import { WedgeCollector } from './wedge.js';

function typeAll(w: WedgeCollector, text: string, start: number, gap: number): string | undefined {
  let t = start;
  let out: string | undefined;
  for (const ch of [...text, 'Enter']) {
    out = w.feed(ch === 'Enter' ? 'Enter' : ch, t) ?? out;
    t += gap;
  }
  return out;
}

describe('keyboard wedge', () => {
  it('takes a fast burst ending with Enter, ignoring Shift between characters', () => {
    const w = new WedgeCollector();
    expect(typeAll(w, 'HG1:6BFOXN*TS0BI$ZD4N9', 0, 8)).toBe('HG1:6BFOXN*TS0BI$ZD4N9');
    expect(w.feed('Shift', 1000)).toBeUndefined();
  });

  it('ignores a person typing slowly, and short bursts', () => {
    const w = new WedgeCollector();
    expect(typeAll(w, 'HG1:ABCDEFGH', 0, 180)).toBeUndefined();
    expect(typeAll(w, 'abc', 10_000, 5)).toBeUndefined();
  });

  it('starts a new burst after a pause', () => {
    const w = new WedgeCollector();
    w.feed('x', 0);
    w.feed('y', 5);
    expect(typeAll(w, 'HG1:ABCDEFGH', 2000, 10)).toBe('HG1:ABCDEFGH');
  });
});
