// The one local-day rule: which calendar day an instant belongs to in a venue's time zone. Device
// tallies and server counts both use it, so "today" means the same day at the gate and in reports.

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Every time zone offset in use is a multiple of 15 minutes: within such a slot the day cannot change. */
const SLOT_MS = 15 * 60_000;

interface ZoneDays {
  format: Intl.DateTimeFormat;
  slot: number;
  day: string;
}
const zones = new Map<string, ZoneDays>();

function zone(timeZone: string): ZoneDays {
  let z = zones.get(timeZone);
  if (!z) {
    // Throws a RangeError for a zone the runtime does not know.
    const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    z = { format, slot: Number.NaN, day: '' };
    zones.set(timeZone, z);
  }
  return z;
}

/** The calendar day (YYYY-MM-DD) of an instant (epoch ms) in an IANA time zone. */
export function localDay(at: number, timeZone: string): string {
  const z = zone(timeZone);
  // A batch of records is mostly from the same quarter hour: reuse the last answer.
  const slot = Math.floor(at / SLOT_MS);
  if (slot === z.slot) return z.day;
  const parts: Record<string, string> = {};
  for (const p of z.format.formatToParts(at)) parts[p.type] = p.value;
  z.slot = slot;
  z.day = `${parts.year}-${parts.month}-${parts.day}`;
  return z.day;
}

/** Whether the runtime knows the IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    zone(timeZone);
    return true;
  } catch {
    return false;
  }
}

// One formatter per zone for the hour; like the day, the hour cannot change within a quarter-hour slot.
const hourZones = new Map<string, { format: Intl.DateTimeFormat; slot: number; hour: number }>();

/** The local hour (0–23) of an instant in an IANA time zone: traffic per hour counts by it. */
export function localHour(at: number, timeZone: string): number {
  let z = hourZones.get(timeZone);
  if (!z) {
    z = { format: new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }), slot: Number.NaN, hour: 0 };
    hourZones.set(timeZone, z);
  }
  const slot = Math.floor(at / SLOT_MS);
  if (slot !== z.slot) {
    z.slot = slot;
    z.hour = Number(z.format.formatToParts(at).find((p) => p.type === 'hour')?.value ?? 0) % 24;
  }
  return z.hour;
}
