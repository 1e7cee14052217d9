import { describe, expect, it } from 'vitest';
import { daysBetween, daysOf, zonedInstant } from './days.js';

describe('days of a range', () => {
  it('lists every day, across months and a leap day', () => {
    expect(daysOf('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(daysOf('2026-11-21', '2026-11-21')).toEqual(['2026-11-21']);
    expect(daysOf('2026-11-22', '2026-11-21')).toEqual([]);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2026-11-22', '2026-11-21')).toBe(-1);
  });
});

describe('zonedInstant', () => {
  it("is when the venue's clock shows the time", () => {
    expect(zonedInstant('2026-11-21', 9, 30, 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 21, 1, 30));
    expect(zonedInstant('2026-11-21', 0, 0, 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 20, 16, 0));
    expect(zonedInstant('2026-01-02', 0, 0, 'Asia/Kolkata')).toBe(Date.UTC(2026, 0, 1, 18, 30));
    expect(zonedInstant('2026-11-21', 23, 45, 'UTC')).toBe(Date.UTC(2026, 10, 21, 23, 45));
  });

  it('handles daylight saving time: a gap and a repeated hour', () => {
    // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT.
    expect(zonedInstant('2026-03-08', 1, 0, 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 6, 0));
    expect(zonedInstant('2026-03-08', 3, 0, 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 7, 0));
    // 2026-11-01: 01:30 happens twice; the first (EDT, 05:30 UTC) is taken.
    expect(zonedInstant('2026-11-01', 1, 30, 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(zonedInstant('2026-11-01', 9, 0, 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 14, 0));
  });
});
