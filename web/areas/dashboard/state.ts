// The dashboard's state: the venues one may see, the picked venue, today or a range of days, the
// "since" time, and the published numbers the server answered with. Nothing is kept on the device.

import { signal } from '@preact/signals';
import { statsApi, MAX_RANGE_DAYS, type StatsVenue, type VenueStats } from '../../../shared/api/stats.js';
import { localDay } from '../../../shared/time.js';
import { call, failureCode, type FailureCode } from '../../http.js';

export const venues = signal<StatsVenue[] | null>(null);
export const venueId = signal<string | null>(null);
export const from = signal('');
export const to = signal('');
export const since = signal('00:00');
export const stats = signal<VenueStats | null>(null);
export const loading = signal(false);
export const failure = signal<FailureCode | null>(null);

const DAY_MS = 86_400_000;

/** YYYY-MM-DD plus n days (n may be negative), by the calendar. */
export function addDays(day: string, n: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) + n * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whether a range can be asked for: both days set, in order, at most MAX_RANGE_DAYS long. */
export function rangeProblem(f: string, t: string): 'missing' | 'order' | 'length' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f) || !/^\d{4}-\d{2}-\d{2}$/.test(t)) return 'missing';
  if (f > t) return 'order';
  if (addDays(f, MAX_RANGE_DAYS - 1) < t) return 'length';
  return null;
}

export async function loadVenues(): Promise<void> {
  failure.value = null;
  try {
    const { venues: list } = await call(statsApi.venues);
    venues.value = list;
    if (list.length > 0 && !list.some((v) => v.id === venueId.value)) pickVenue(list[0]!.id);
  } catch (e) {
    failure.value = failureCode(e).code;
  }
}

/** Picks a venue and shows its last 7 days (today included) by the venue's own calendar. */
export function pickVenue(id: string): void {
  venueId.value = id;
  const venue = venues.value?.find((v) => v.id === id);
  const today = localDay(Date.now(), venue?.timeZone ?? 'Asia/Shanghai');
  to.value = today;
  from.value = addDays(today, -6);
  stats.value = null;
  void loadStats();
}

let current = 0;
export async function loadStats(): Promise<void> {
  const id = venueId.value;
  if (!id || rangeProblem(from.value, to.value)) return;
  const mine = ++current;
  loading.value = true;
  failure.value = null;
  try {
    const answer = await call(statsApi.venueStats, { params: { id }, query: { from: from.value, to: to.value, since: since.value } });
    if (mine === current) stats.value = answer;
  } catch (e) {
    if (mine === current) failure.value = failureCode(e).code;
  } finally {
    if (mine === current) loading.value = false;
  }
}

/** Where the browser downloads the range's daily counts. */
export function exportHref(format: 'csv' | 'xlsx', lang: string): string {
  const path = (format === 'csv' ? statsApi.exportCsv : statsApi.exportXlsx).path.replace(':id', encodeURIComponent(venueId.value ?? ''));
  const q = new URLSearchParams({ from: from.value, to: to.value, lang: lang === 'en' ? 'en' : 'zh-CN' });
  return `${path}?${q.toString()}`;
}
