// Venue statistics: who may see a venue's numbers (its manager; the authority's admin), keeping each
// day's cached counts up to date with its records, and the published numbers of a range and today.

import { MAX_RANGE_DAYS, type DayStats, type StatsVenue, type VenueStats } from '../../shared/api/stats.js';
import { ForbiddenError, NotFoundError, StatsRangeError } from '../../shared/errors.js';
import { localDay } from '../../shared/time.js';
import type { UserActor } from '../auth/actor.js';
import type { Store } from '../store/store.js';
import type { VenueRow } from '../store/venues.js';
import { countDay, inspectorLabel, publishCell, publishDay, sumDays, type Dim, type RawCount } from './counts.js';
import { daysBetween, daysOf, zonedInstant } from './days.js';

/** "since" snaps down to a quarter hour: see docs/statistics.md. */
const SINCE_STEP_MIN = 15;

export class StatsService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** The venue, if this actor may see its statistics: its own manager, or an admin. */
  async venueFor(actor: UserActor, venueId: string): Promise<VenueRow> {
    if (actor.role === 'manager') {
      // A manager learns nothing about venues that are not theirs, not even whether they exist.
      if ((await this.store.stats.venueOfManager(actor.id)) !== venueId) throw new ForbiddenError('You manage another venue.');
    } else if (actor.role !== 'admin') {
      throw new ForbiddenError();
    }
    const venue = await this.store.venues.getVenue(venueId);
    if (!venue) throw new NotFoundError(`No venue ${venueId}.`);
    return venue;
  }

  /** The venues this actor may see statistics of. */
  async venues(actor: UserActor): Promise<StatsVenue[]> {
    if (actor.role !== 'manager' && actor.role !== 'admin') throw new ForbiddenError();
    const rows = await this.store.stats.statsVenues(actor.role === 'manager' ? actor.id : null);
    return rows.map((v) => ({ id: v.id, name: v.name, timeZone: v.time_zone }));
  }

  /** Checks a range: from ≤ to, at most MAX_RANGE_DAYS days. */
  checkRange(from: string, to: string): void {
    const span = daysBetween(from, to);
    if (span < 0) throw new StatsRangeError('The range ends before it starts.');
    if (span + 1 > MAX_RANGE_DAYS) throw new StatsRangeError(`A range spans at most ${MAX_RANGE_DAYS} days.`);
  }

  async venueStats(actor: UserActor, venueId: string, from: string, to: string, since = '00:00'): Promise<VenueStats> {
    const venue = await this.venueFor(actor, venueId);
    this.checkRange(from, to);
    const now = this.now();
    const today = localDay(now, venue.time_zone);
    const days = await this.publishedDays(venue, from, to);
    const todayStats = today >= from && today <= to ? days.find((d) => d.day === today)! : (await this.publishedDays(venue, today, today))[0]!;

    const [hh, mm] = since.split(':').map(Number) as [number, number];
    const snapped = Math.floor((hh * 60 + mm) / SINCE_STEP_MIN) * SINCE_STEP_MIN;
    const sinceText = `${String(Math.floor(snapped / 60)).padStart(2, '0')}:${String(snapped % 60).padStart(2, '0')}`;
    const checked = await this.store.stats.checkedSince(venue.id, today, zonedInstant(today, Math.floor(snapped / 60), snapped % 60, venue.time_zone));
    const inspectors = [...checked.entries()]
      .map(([id, n]) => ({ label: inspectorLabel(venue.id, id), count: publishCell(n) }))
      .sort((a, b) => (a.label < b.label ? -1 : 1));

    return {
      venue: { id: venue.id, name: venue.name, timeZone: venue.time_zone },
      from,
      to,
      today: todayStats,
      days,
      range: sumDays(days),
      checkedSince: { since: sinceText, inspectors },
    };
  }

  /** The published numbers of every day in [from, to], after recounting the days whose records changed. */
  async publishedDays(venue: VenueRow, from: string, to: string): Promise<DayStats[]> {
    await this.recountStale(venue, from, to);
    const raw = new Map<string, RawCount[]>();
    for (const c of await this.store.stats.dayCounts(venue.id, from, to)) {
      let list = raw.get(c.day);
      if (!list) raw.set(c.day, (list = []));
      list.push({ dim: c.dim as Dim, key: c.key, n: c.n });
    }
    return daysOf(from, to).map((day) => publishDay(day, raw.get(day) ?? [], venue.id));
  }

  /** Counts one venue day again if its records changed since it was counted (the recounter's job). */
  async recountDay(venueId: string, day: string): Promise<void> {
    const venue = await this.store.venues.getVenue(venueId);
    if (venue) await this.recountStale(venue, day, day);
  }

  /** Counts up to `limit` stale days of any venue, oldest first (the minute sweep); how many. */
  async recountStaleDays(limit: number): Promise<number> {
    const stale = await this.store.stats.staleDaysAnyVenue(limit);
    const venues = new Map<string, VenueRow | undefined>();
    for (const { venueId, day, changed } of stale) {
      if (!venues.has(venueId)) venues.set(venueId, await this.store.venues.getVenue(venueId));
      const venue = venues.get(venueId);
      if (venue) await this.countDay(venue, day, changed);
    }
    return stale.length;
  }

  /**
   * Days whose records changed since they were counted are counted again from their records (each
   * person's latest record of the day). The version read first is the one saved: a merge that
   * lands meanwhile raises it again, so that day is simply counted once more next time. Days that
   * are current are not touched: the dashboard then reads precomputed rows only.
   */
  private async recountStale(venue: VenueRow, from: string, to: string): Promise<void> {
    for (const [day, changed] of await this.store.stats.staleDays(venue.id, from, to)) await this.countDay(venue, day, changed);
  }

  private async countDay(venue: VenueRow, day: string, changed: number): Promise<void> {
    const records = await this.store.stats.countedRecords(venue.id, day);
    await this.store.stats.saveDayCounts(venue.id, day, changed, countDay(records, venue.fever_threshold));
  }
}
