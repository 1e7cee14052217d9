// Venue statistics for the venue's manager (and the authority's admin): counts by day with every
// small cell suppressed, and the daily counts as CSV or XLSX. docs/statistics.md says why a range's
// numbers are sums of published day numbers (it is what makes differencing two ranges useless).

import * as v from 'valibot';
import { AGE_BANDS, isCalendarDate } from '../documents.js';
import { endpoint } from './contract.js';
import { matching, wellFormed } from './fields.js';
import { notPersonal } from './personal.js';

/** Cells under this many people are never published. */
export const MIN_CELL = 5;
/** The longest range one request may ask for, in days. */
export const MAX_RANGE_DAYS = 366;

export const DaySchema = v.pipe(v.string(), v.maxLength(10), wellFormed(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD'), v.check(isCalendarDate, 'not a calendar day'));
/** HH:MM on the venue's clock, snapped down to the quarter hour by the server. */
export const ClockTimeSchema = matching(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM', 5);

/**
 * One published count: a number of at least MIN_CELL people, '<5' for fewer (zero included), or
 * 'hidden' — at least MIN_CELL people, withheld so that the cells under 5 beside it cannot be
 * worked out by subtracting the others from the total.
 */
export const CountSchema = v.union([v.pipe(v.number(), v.integer(), v.minValue(MIN_CELL)), v.literal('<5'), v.literal('hidden')]);
export type Count = v.InferOutput<typeof CountSchema>;

/** A range's count: the sum of its days' published numbers; `partial` when some day's cell was withheld. */
export const SumSchema = v.strictObject({ n: v.pipe(v.number(), v.integer(), v.minValue(0)), partial: v.boolean() });
export type Sum = v.InferOutput<typeof SumSchema>;

export const SEXES = ['male', 'female', 'unknown'] as const;
export const AGE_KEYS = [...AGE_BANDS, 'unknown'] as const;
export type AgeKey = (typeof AGE_KEYS)[number];

function breakdown<S extends v.GenericSchema>(cell: S) {
  return {
    /** Distinct people checked (each person once a day, by their latest record). */
    people: cell,
    /** Of them, with a fever by the venue's threshold. */
    fever: cell,
    /** Of them, whose code the server found red. */
    red: cell,
    /** Of them, checked in with the venue's sunflower code rather than at the gate. */
    checkins: cell,
    sex: v.strictObject({ male: cell, female: cell, unknown: cell }),
    age: v.strictObject(Object.fromEntries(AGE_KEYS.map((k) => [k, cell])) as Record<AgeKey, S>),
    /** Index = local hour 0–23 of the person's counted record. */
    hours: v.pipe(v.array(cell), v.length(24)),
    /** Per inspector, by a pseudonymous label (a stable short code per venue), never a name or phone. */
    inspectors: v.array(v.strictObject({ label: v.string(), count: cell })),
  };
}

export const DayStatsSchema = v.strictObject({ day: DaySchema, ...breakdown(CountSchema) });
export type DayStats = v.InferOutput<typeof DayStatsSchema>;
export const RangeStatsSchema = v.strictObject(breakdown(SumSchema));
export type RangeStats = v.InferOutput<typeof RangeStatsSchema>;

export const StatsQuerySchema = v.strictObject({ from: DaySchema, to: DaySchema, since: v.optional(ClockTimeSchema) });

export const StatsVenueSchema = v.strictObject({ id: v.string(), name: notPersonal(v.string(), 'the name of a place'), timeZone: v.string() });
export type StatsVenue = v.InferOutput<typeof StatsVenueSchema>;

export const VenueStatsSchema = v.strictObject({
  venue: StatsVenueSchema,
  from: DaySchema,
  to: DaySchema,
  /** Today on the venue's clock, always counted whatever the range. */
  today: DayStatsSchema,
  /** Every day of the range, oldest first. */
  days: v.array(DayStatsSchema),
  range: RangeStatsSchema,
  /** Codes checked today since a time, per inspector (for officials auditing door staff against capacity). */
  checkedSince: v.strictObject({ since: ClockTimeSchema, inspectors: v.array(v.strictObject({ label: v.string(), count: CountSchema })) }),
});
export type VenueStats = v.InferOutput<typeof VenueStatsSchema>;

export const ExportQuerySchema = v.strictObject({ from: DaySchema, to: DaySchema, lang: v.optional(v.picklist(['zh-CN', 'en'])) });

/** A file download answers with bytes, not JSON: the route hands back a Response, never checked against this. */
const FileSchema = v.never();

export const statsApi = {
  /** The venues whose statistics the caller may see: a manager's own venue; every venue for an admin. */
  venues: endpoint({ method: 'GET', path: '/api/stats/venues', access: { roles: ['manager', 'admin'] }, response: v.strictObject({ venues: v.array(StatsVenueSchema) }) }),
  venueStats: endpoint({ method: 'GET', path: '/api/venues/:id/stats', access: { roles: ['manager', 'admin'] }, query: StatsQuerySchema, response: VenueStatsSchema }),
  /** The range's daily counts as CSV (UTF-8 with BOM, RFC 4180) or XLSX; columns in the README. */
  exportCsv: endpoint({ method: 'GET', path: '/api/venues/:id/export.csv', access: { roles: ['manager', 'admin'] }, query: ExportQuerySchema, response: FileSchema }),
  exportXlsx: endpoint({ method: 'GET', path: '/api/venues/:id/export.xlsx', access: { roles: ['manager', 'admin'] }, query: ExportQuerySchema, response: FileSchema }),
};
