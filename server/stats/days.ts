// Calendar arithmetic for statistics: the days of a range, and the instant a venue's clock shows a
// given time on a given day (for "codes checked since HH:MM").

const DAY_MS = 86_400_000;

const toUtc = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

/** Whole days from `from` to `to` (0 for the same day, negative when to is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** Every day from `from` to `to`, both included, oldest first. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = toUtc(from); t <= toUtc(to); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** What the zone's clock shows at an instant, read as if it were UTC (ms). */
function wallClock(at: number, timeZone: string): number {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
}

/**
 * The first instant at which the zone's clock shows `hh:mm` on `day` (in a spring-forward gap, the
 * instant the clock jumps past it).
 */
export function zonedInstant(day: string, hh: number, mm: number, timeZone: string): number {
  const wanted = toUtc(day) + (hh * 60 + mm) * 60_000;
  // Two rounds settle the offset, also across a change of offset between guess and answer.
  let at = wanted - (wallClock(wanted, timeZone) - wanted);
  at = wanted - (wallClock(at, timeZone) - at);
  // Of the two instants a fall-back hour shows twice, take the earlier.
  const earlier = at - 3_600_000;
  return wallClock(earlier, timeZone) === wanted ? earlier : at;
}
