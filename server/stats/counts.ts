// Counting a venue day and publishing it. Raw counts come from each person's counted record (the
// latest of the day); published counts suppress every cell under 5 and, where the cells under 5 of
// a breakdown could be worked out from the total, withhold one more. A range is the sum of its
// days' published numbers, so nothing about a range is more exact than its days (docs/statistics.md).

import { AGE_KEYS, MIN_CELL, SEXES, type Count, type DayStats, type RangeStats, type Sum } from '../../shared/api/stats.js';
import { toHex } from '../../shared/bytes.js';
import { isFever } from '../../shared/records.js';
import { sha256Sync } from '../../shared/sha256.js';
import type { CountedRecord } from '../store/stats.js';

export type Dim = 'people' | 'fever' | 'red' | 'via' | 'sex' | 'age' | 'hour' | 'inspector';
export interface RawCount {
  dim: Dim;
  key: string;
  n: number;
}

/** Verdicts that count as a red code (as in the daily counts). */
const RED_VERDICTS = new Set(['red', 'red-listed']);
const HOUR_KEYS = [...Array.from({ length: 24 }, (_, h) => String(h)), 'unknown'];

/** Raw counts of one day from each person's counted record: every person lands in one key of every dimension. */
export function countDay(records: readonly CountedRecord[], feverThreshold: number): RawCount[] {
  const counts = new Map<string, RawCount>();
  const add = (dim: Dim, key: string): void => {
    const id = `${dim}\u0000${key}`;
    const c = counts.get(id);
    if (c) c.n += 1;
    else counts.set(id, { dim, key, n: 1 });
  };
  for (const r of records) {
    add('people', 'all');
    // A check-in is a normal-temperature check: no temperature, no fever.
    add('fever', r.temperature !== null && isFever(r.temperature, feverThreshold) ? 'yes' : 'no');
    add('red', RED_VERDICTS.has(r.server_verdict) ? 'yes' : 'no');
    add('via', r.via === 'checkin' ? 'checkin' : 'gate');
    add('sex', r.sex ?? 'unknown');
    add('age', r.age_band ?? 'unknown');
    add('hour', r.hour === null ? 'unknown' : String(r.hour));
    add('inspector', r.inspector_id);
  }
  return [...counts.values()];
}

/** A single cell on its own: its number from MIN_CELL up, else '<5'. */
export function publishCell(n: number): Count {
  return n >= MIN_CELL ? n : '<5';
}

/**
 * A breakdown of `total` people into keys (every person in exactly one key). Cells under 5 are
 * '<5'. When those add up to 1–4 people and the total is published, subtracting the published
 * cells from the total would give them away: the smallest published cell is withheld too.
 */
export function publishBreakdown(keys: readonly string[], raw: ReadonlyMap<string, number>, total: number): Map<string, Count> {
  const out = new Map<string, Count>();
  let small = 0;
  for (const k of keys) {
    const n = raw.get(k) ?? 0;
    out.set(k, publishCell(n));
    if (n < MIN_CELL) small += n;
  }
  if (total >= MIN_CELL && small > 0 && small < MIN_CELL) {
    let smallest: string | undefined;
    for (const k of keys) {
      const n = raw.get(k) ?? 0;
      if (n >= MIN_CELL && (smallest === undefined || n < (raw.get(smallest) ?? 0))) smallest = k;
    }
    if (smallest !== undefined) out.set(smallest, 'hidden');
  }
  return out;
}

/** A pseudonymous, stable label for an inspector at a venue: 4 hex digits of SHA-256(venue, inspector). */
export function inspectorLabel(venueId: string, inspectorId: string): string {
  return toHex(sha256Sync(new TextEncoder().encode(`${venueId}\n${inspectorId}`)).subarray(0, 2)).toUpperCase();
}

/** The published numbers of one day. */
export function publishDay(day: string, raw: readonly RawCount[], venueId: string): DayStats {
  const byDim = new Map<Dim, Map<string, number>>();
  for (const c of raw) {
    let m = byDim.get(c.dim);
    if (!m) byDim.set(c.dim, (m = new Map()));
    m.set(c.key, c.n);
  }
  const dim = (d: Dim): ReadonlyMap<string, number> => byDim.get(d) ?? new Map();
  const total = dim('people').get('all') ?? 0;
  const part = (d: Dim, keys: readonly string[]) => publishBreakdown(keys, dim(d), total);
  const fever = part('fever', ['yes', 'no']);
  const red = part('red', ['yes', 'no']);
  const via = part('via', ['checkin', 'gate']);
  const sex = part('sex', SEXES);
  const age = part('age', AGE_KEYS);
  const hours = part('hour', HOUR_KEYS);
  const inspectorIds = [...dim('inspector').keys()].sort();
  const inspectors = part('inspector', inspectorIds);
  return {
    day,
    people: publishCell(total),
    fever: fever.get('yes')!,
    red: red.get('yes')!,
    checkins: via.get('checkin')!,
    sex: { male: sex.get('male')!, female: sex.get('female')!, unknown: sex.get('unknown')! },
    age: Object.fromEntries(AGE_KEYS.map((k) => [k, age.get(k)!])) as DayStats['age'],
    hours: HOUR_KEYS.slice(0, 24).map((h) => hours.get(h)!),
    inspectors: inspectorIds.map((id) => ({ label: inspectorLabel(venueId, id), count: inspectors.get(id)! })).sort((a, b) => (a.label < b.label ? -1 : 1)),
  };
}

const ZERO: Sum = { n: 0, partial: false };
function plus(sum: Sum, c: Count): Sum {
  return typeof c === 'number' ? { n: sum.n + c, partial: sum.partial } : { n: sum.n, partial: true };
}

/** A range: the sum of its days' published numbers (a withheld cell adds nothing and marks the sum partial). */
export function sumDays(days: readonly DayStats[]): RangeStats {
  const range: RangeStats = {
    people: ZERO,
    fever: ZERO,
    red: ZERO,
    checkins: ZERO,
    sex: { male: ZERO, female: ZERO, unknown: ZERO },
    age: Object.fromEntries(AGE_KEYS.map((k) => [k, ZERO])) as RangeStats['age'],
    hours: Array.from({ length: 24 }, () => ZERO),
    inspectors: [],
  };
  const inspectors = new Map<string, Sum>();
  for (const d of days) {
    range.people = plus(range.people, d.people);
    range.fever = plus(range.fever, d.fever);
    range.red = plus(range.red, d.red);
    range.checkins = plus(range.checkins, d.checkins);
    for (const s of SEXES) range.sex[s] = plus(range.sex[s], d.sex[s]);
    for (const a of AGE_KEYS) range.age[a] = plus(range.age[a], d.age[a]);
    range.hours = range.hours.map((h, i) => plus(h, d.hours[i]!));
    for (const i of d.inspectors) inspectors.set(i.label, plus(inspectors.get(i.label) ?? ZERO, i.count));
  }
  range.inspectors = [...inspectors.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([label, count]) => ({ label, count }));
  return range;
}
