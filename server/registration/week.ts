// The weekly edit rule: a venue or an organisation may be changed at most once per natural week,
// Monday to Sunday in its own time zone. Pure functions over epoch ms and IANA zones, tested on their own.

import { localDay } from '../../shared/time.js';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
const dayNumber = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
const dayString = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The Monday (YYYY-MM-DD) of the natural week an instant falls in, in the zone. */
export function weekOf(at: number, timeZone: string): string {
  const n = dayNumber(localDay(at, timeZone));
  // 1970-01-01 was a Thursday: (n + 3) mod 7 is 0 on Mondays.
  return dayString(n - ((n + 3) % 7));
}

/** The first instant (epoch ms) of a local day in the zone. */
export function startOfDay(day: string, timeZone: string): number {
  // Start from UTC midnight and step by the zone's offset; within a few rounds it settles (even across a DST change).
  let at = dayNumber(day) * DAY_MS;
  for (let i = 0; i < 4; i++) {
    const shown = localDay(at, timeZone);
    const diffDays = dayNumber(day) - dayNumber(shown);
    if (diffDays !== 0) {
      at += diffDays * DAY_MS;
      continue;
    }
    // On the right day: move back to its first minute (offsets are multiples of 15 minutes).
    while (localDay(at - 15 * 60_000, timeZone) === day) at -= 15 * 60_000;
    while (localDay(at, timeZone) !== day) at += 15 * 60_000;
    return at;
  }
  return at;
}

/**
 * When a venue or organisation last changed at `editedAt` may change again: undefined if it may now, else the
 * next Monday (as a day) and its first instant.
 */
export function nextEditAllowed(editedAt: number | null, now: number, timeZone: string): { day: string; at: number } | undefined {
  if (editedAt === null) return undefined;
  const week = weekOf(editedAt, timeZone);
  if (weekOf(now, timeZone) !== week) return undefined;
  const day = dayString(dayNumber(week) + 7);
  return { day, at: startOfDay(day, timeZone) };
}
