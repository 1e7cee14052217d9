import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, isTimeZone, localDay, localHour } from './time.js';

describe('localDay', () => {
  it('is the day in the venue time zone, not UTC nor the device zone', () => {
    const lateUtc = Date.UTC(2026, 10, 21, 16, 30); // 00:30 on the 22nd in Shanghai
    expect(localDay(lateUtc, DEFAULT_TIME_ZONE)).toBe('2026-11-22');
    expect(localDay(lateUtc, 'UTC')).toBe('2026-11-21');
    expect(localDay(lateUtc, 'America/New_York')).toBe('2026-11-21');
  });

  it('turns over exactly at local midnight, also when asked about neighbouring instants in turn', () => {
    const midnight = Date.UTC(2026, 10, 21, 16, 0); // 00:00 on the 22nd in Shanghai
    expect(localDay(midnight - 1, DEFAULT_TIME_ZONE)).toBe('2026-11-21');
    expect(localDay(midnight, DEFAULT_TIME_ZONE)).toBe('2026-11-22');
    expect(localDay(midnight - 1, DEFAULT_TIME_ZONE)).toBe('2026-11-21');
  });

  it('follows daylight saving time and half-hour zones', () => {
    // 2026-03-08 is the US switch to summer time: 04:30 UTC is 23:30 on the 7th in New York (EST).
    expect(localDay(Date.UTC(2026, 2, 8, 4, 30), 'America/New_York')).toBe('2026-03-07');
    // India is UTC+05:30: 18:29 UTC is 23:59, 18:30 UTC is midnight.
    expect(localDay(Date.UTC(2026, 0, 1, 18, 29), 'Asia/Kolkata')).toBe('2026-01-01');
    expect(localDay(Date.UTC(2026, 0, 1, 18, 30), 'Asia/Kolkata')).toBe('2026-01-02');
  });

  it('knows which zones exist', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => localDay(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('localHour', () => {
  it('is the hour in the venue zone, turning exactly on the hour, half-hour zones included', () => {
    const h = Date.UTC(2026, 10, 21, 16, 0); // 00:00 on the 22nd in Shanghai
    expect(localHour(h - 1, DEFAULT_TIME_ZONE)).toBe(23);
    expect(localHour(h, DEFAULT_TIME_ZONE)).toBe(0);
    expect(localHour(h + 3_600_000 * 13 + 59 * 60_000, DEFAULT_TIME_ZONE)).toBe(13);
    expect(localHour(h, 'UTC')).toBe(16);
    expect(localHour(Date.UTC(2026, 0, 1, 18, 29), 'Asia/Kolkata')).toBe(23);
    expect(localHour(Date.UTC(2026, 0, 1, 18, 30), 'Asia/Kolkata')).toBe(0);
  });
});
