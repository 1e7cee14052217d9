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

  it('ignores a person typing, even a fast typist, and short bursts', () => {
    const w = new WedgeCollector();
    expect(typeAll(w, 'HG1:ABCDEFGH', 0, 180)).toBeUndefined();
    expect(typeAll(w, 'HG1:ABCDEFGH', 10_000, 90)).toBeUndefined();
    expect(typeAll(w, 'abc', 20_000, 5)).toBeUndefined();
  });

  it('keeps a scan whole through one late key (a busy phone delivers keys in clumps)', () => {
    const w = new WedgeCollector();
    const code = 'HG1:6BFOXN*TS0BI$ZD4N9 %+-./:AAAAAAAAAAAAAAAAAAAA';
    let t = 0;
    let out: string | undefined;
    [...code, 'Enter'].forEach((ch, i) => {
      t += i === 20 ? 250 : 3;
      out = w.feed(ch, t) ?? out;
    });
    expect(out).toBe(code);
  });

  it('starts a new burst after a pause', () => {
    const w = new WedgeCollector();
    w.feed('x', 0);
    w.feed('y', 5);
    expect(typeAll(w, 'HG1:ABCDEFGH', 2000, 10)).toBe('HG1:ABCDEFGH');
  });
});
