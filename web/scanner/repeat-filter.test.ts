import { describe, expect, it } from 'vitest';
import { RepeatFilter } from './repeat-filter.js';

describe('RepeatFilter', () => {
  it('accepts a code once while it stays in view, however long', () => {
    const f = new RepeatFilter(3000);
    const accepted = [];
    for (let t = 0; t <= 10_000; t += 33) if (f.accept('HG1:A', t)) accepted.push(t);
    expect(accepted).toEqual([0]);
  });

  it('accepts it again after it was out of view for the quiet time', () => {
    const f = new RepeatFilter(3000);
    expect(f.accept('HG1:A', 0)).toBe(true);
    expect(f.accept('HG1:A', 2999)).toBe(false);
    expect(f.accept('HG1:A', 5998)).toBe(false); // 2999 ms after the last read
    expect(f.accept('HG1:A', 8998)).toBe(true); // 3000 ms after the last read
  });

  it('gives each code of a looping sequence one read', () => {
    // A fake-camera file: A for 1 s, B for 1 s, looped five times at 30 fps.
    const f = new RepeatFilter(3000);
    const accepted: string[] = [];
    for (let frame = 0; frame < 300; frame++) {
      const text = Math.floor(frame / 30) % 2 === 0 ? 'HG1:A' : 'HG1:B';
      if (f.accept(text, frame * 33.3)) accepted.push(text);
    }
    expect(accepted).toEqual(['HG1:A', 'HG1:B']);
  });
});
