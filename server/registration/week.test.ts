import { describe, expect, it } from 'vitest';
import { localDay } from '../../shared/time.js';
import { nextEditAllowed, startOfDay, weekOf } from './week.js';

const SH = 'Asia/Shanghai';
// 2026-11-30 is a Monday; 00:00 in Shanghai is 2026-11-29T16:00Z.
const MONDAY_SH = Date.parse('2026-11-29T16:00:00Z');

describe('weekOf', () => {
  it('runs Monday to Sunday in the venue zone', () => {
    expect(weekOf(MONDAY_SH, SH)).toBe('2026-11-30');
    expect(weekOf(MONDAY_SH - 1, SH)).toBe('2026-11-23');
    // Sunday 23:59 local is still the same week.
    expect(weekOf(MONDAY_SH + 7 * 86_400_000 - 60_000, SH)).toBe('2026-11-30');
    expect(weekOf(MONDAY_SH + 7 * 86_400_000, SH)).toBe('2026-12-07');
    // The same instant is still Sunday in London.
    expect(weekOf(MONDAY_SH, 'Europe/London')).toBe('2026-11-23');
  });
});

describe('startOfDay', () => {
  it('finds local midnight, across a daylight-saving change too', () => {
    expect(startOfDay('2026-11-30', SH)).toBe(MONDAY_SH);
    expect(new Date(startOfDay('2026-03-29', 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(startOfDay('2026-03-30', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    for (const zone of ['America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', SH]) {
      const at = startOfDay('2026-07-06', zone);
      expect(localDay(at, zone), zone).toBe('2026-07-06');
      expect(localDay(at - 1, zone), zone).toBe('2026-07-05');
    }
  });
});

describe('nextEditAllowed', () => {
  it('allows the first change, refuses a second in the same week until the next Monday', () => {
    expect(nextEditAllowed(null, MONDAY_SH, SH)).toBeUndefined();
    const wednesday = MONDAY_SH + 2 * 86_400_000 + 3_600_000;
    expect(nextEditAllowed(MONDAY_SH + 5, wednesday, SH)).toEqual({ day: '2026-12-07', at: MONDAY_SH + 7 * 86_400_000 });
    expect(nextEditAllowed(MONDAY_SH + 5, MONDAY_SH + 7 * 86_400_000, SH)).toBeUndefined();
    // Sunday's change and Monday's are in different weeks.
    expect(nextEditAllowed(MONDAY_SH - 1, MONDAY_SH, SH)).toBeUndefined();
  });
});
