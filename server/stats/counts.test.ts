// Publishing counts: cells under 5, the extra cell withheld when the small ones could be worked out
// from the total, and ranges as sums of published days — so two overlapping ranges, subtracted, say
// nothing that the single days did not already publish.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Count, DayStats, RangeStats } from '../../shared/api/stats.js';
import type { CountedRecord } from '../store/stats.js';
import { countDay, inspectorLabel, publishBreakdown, publishDay, sumDays } from './counts.js';

const rec = (over: Partial<CountedRecord> = {}): CountedRecord => ({
  inspector_id: 'i1',
  temperature: 36.5,
  server_verdict: 'green',
  sex: 'male',
  age_band: '30-39',
  hour: 10,
  via: 'gate',
  ...over,
});
const many = (n: number, over: Partial<CountedRecord> = {}) => Array.from({ length: n }, () => rec(over));

describe('publishBreakdown', () => {
  it('shows cells of 5 and more, and <5 for fewer (zero included)', () => {
    const out = publishBreakdown(['a', 'b', 'c'], new Map([['a', 7], ['b', 5]]), 12);
    expect(Object.fromEntries(out)).toEqual({ a: 7, b: 5, c: '<5' });
  });

  it('withholds the smallest shown cell when the cells under 5 add up to 1–4 people', () => {
    // Without it, 12 − 9 − 0 would say that b holds 3 people.
    const out = publishBreakdown(['a', 'b', 'c', 'd'], new Map([['a', 9], ['b', 3], ['d', 6]]), 18);
    expect(Object.fromEntries(out)).toEqual({ a: 9, b: '<5', c: '<5', d: 'hidden' });
  });

  it('needs nothing more when the small cells add up to 5 or more, or to nothing', () => {
    expect(Object.fromEntries(publishBreakdown(['a', 'b', 'c'], new Map([['a', 9], ['b', 3], ['c', 3]]), 15))).toEqual({ a: 9, b: '<5', c: '<5' });
    expect(Object.fromEntries(publishBreakdown(['a', 'b'], new Map([['a', 9]]), 9))).toEqual({ a: 9, b: '<5' });
  });

  it('never lets a cell under 5 be worked out from the published total and cells (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 8 }), (ns) => {
        const keys = ns.map((_, i) => `k${i}`);
        const total = ns.reduce((a, b) => a + b, 0);
        const out = publishBreakdown(keys, new Map(keys.map((k, i) => [k, ns[i]!])), total);
        if (total < 5) return; // the total itself is '<5': nothing to subtract from
        const shown = keys.map((k) => out.get(k)).filter((c): c is number => typeof c === 'number');
        const rest = total - shown.reduce((a, b) => a + b, 0);
        // What subtraction reveals is the withheld cells together: never a group of 1–4 people.
        expect(rest === 0 || rest >= 5).toBe(true);
        for (const [i, k] of keys.entries()) if (ns[i]! < 5) expect(out.get(k)).toBe('<5');
      }),
    );
  });
});

describe('countDay and publishDay', () => {
  it('counts each person in one key of every dimension', () => {
    const raw = countDay([...many(6), ...many(2, { temperature: 38, sex: 'female', hour: 11 }), rec({ sex: null, age_band: null, via: 'checkin', server_verdict: 'red' })], 37.3);
    const get = (dim: string, key: string) => raw.find((c) => c.dim === dim && c.key === key)?.n;
    expect(get('people', 'all')).toBe(9);
    expect(get('fever', 'yes')).toBe(2);
    expect(get('sex', 'unknown')).toBe(1);
    expect(get('age', 'unknown')).toBe(1);
    expect(get('via', 'checkin')).toBe(1);
    expect(get('red', 'yes')).toBe(1);
    expect(get('hour', '11')).toBe(2);
  });

  it('publishes a day with its small cells suppressed, inspectors by label only', () => {
    const raw = countDay([...many(10), ...many(6, { sex: 'female', hour: 11, inspector_id: 'i2' }), rec({ sex: null, temperature: 38 })], 37.3);
    const day = publishDay('2026-11-21', raw, 'v1');
    expect(day.people).toBe(17);
    expect(day.fever).toBe('<5');
    expect(day.sex).toEqual({ male: 10, female: 'hidden', unknown: '<5' });
    expect(day.hours[10]).toBe(11);
    expect(day.hours[11]).toBe(6);
    expect(day.hours[9]).toBe('<5');
    expect(day.inspectors.map((i) => i.label).sort()).toEqual([inspectorLabel('v1', 'i1'), inspectorLabel('v1', 'i2')].sort());
    expect(JSON.stringify(day)).not.toMatch(/"i1"|"i2"/);
  });

  it('gives an inspector the same label every day at a venue, and another at another venue', () => {
    expect(inspectorLabel('v1', 'i1')).toMatch(/^[0-9A-F]{4}$/);
    expect(inspectorLabel('v1', 'i1')).toBe(inspectorLabel('v1', 'i1'));
    expect(inspectorLabel('v2', 'i1')).not.toBe(inspectorLabel('v1', 'i1'));
  });
});

/** Every number in a range answer, by path. */
function numbers(r: RangeStats): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (x: unknown, path: string): void => {
    if (x && typeof x === 'object' && 'n' in x && 'partial' in x) out.set(path, (x as { n: number }).n);
    else if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${path}[${(v as { label?: string }).label ?? i}]`));
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) if (k !== 'label') walk(v, `${path}.${k}`);
  };
  walk(r, '');
  return out;
}
function dayNumbers(d: DayStats): Map<string, Count> {
  const out = new Map<string, Count>();
  const walk = (x: unknown, path: string): void => {
    if (typeof x === 'number' || x === '<5' || x === 'hidden') out.set(path, x);
    else if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${path}[${(v as { label?: string }).label ?? i}]`));
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) if (k !== 'label' && k !== 'day') walk(v, `${path}.${k}`);
  };
  walk(d, '');
  return out;
}

describe('differencing two overlapping ranges', () => {
  it('a day with 2 women: the day says <5, and [d1, d2] − [d1, d1] says nothing more', () => {
    const d1 = publishDay('2026-11-20', countDay([...many(10), ...many(10, { sex: 'female' })], 37.3), 'v');
    const d2 = publishDay('2026-11-21', countDay([...many(10), ...many(2, { sex: 'female' })], 37.3), 'v');
    expect(d2.sex.female).toBe('<5');
    expect(d2.sex.male).toBe('hidden');
    const both = sumDays([d1, d2]);
    const first = sumDays([d1]);
    expect(both.sex.female.n - first.sex.female.n).toBe(0);
    expect(both.people.n - first.people.n).toBe(12);
    expect(both.sex.male.n + both.sex.female.n + both.sex.unknown.n).toBe(20); // the day's 12 are not split
    expect(both.sex.female.partial).toBe(true);
  });

  it('any two ranges differ only by numbers their single days published (property)', () => {
    const day = fc.array(fc.record({ sex: fc.constantFrom('male', 'female', null), temp: fc.constantFrom(36.5, 38), hour: fc.integer({ min: 8, max: 10 }), insp: fc.constantFrom('a', 'b') }), { maxLength: 30 });
    fc.assert(
      fc.property(fc.array(day, { minLength: 2, maxLength: 6 }), fc.nat(), (raw, cut) => {
        const days = raw.map((rs, i) =>
          publishDay(`2026-11-${String(10 + i)}`, countDay(rs.map((r) => rec({ sex: r.sex as CountedRecord['sex'], temperature: r.temp, hour: r.hour, inspector_id: r.insp })), 37.3), 'v'),
        );
        const k = 1 + (cut % (days.length - 1));
        const long = numbers(sumDays(days));
        const short = numbers(sumDays(days.slice(0, k)));
        const rest = days.slice(k).map(dayNumbers);
        for (const [path, n] of long) {
          const published = rest.reduce((sum, d) => {
            const c = d.get(path);
            return sum + (typeof c === 'number' ? c : 0);
          }, 0);
          expect(n - (short.get(path) ?? 0), path).toBe(published);
        }
      }),
    );
  });
});
