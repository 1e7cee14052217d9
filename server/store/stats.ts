// Store: what venue statistics read — the counted records of a venue day (latest per person), the
// per-day count cache and its freshness, venues by manager, and the identity documents merge derives
// sex and age band from. Counts themselves are computed in server/stats, not here.

import { sql, type Kysely } from 'kysely';
import type { Dialect } from './dialect.js';
import { rankedPerPerson } from './records.js';
import type { Database } from './schema.js';

/** A person's counted record of one venue day: the latest by (captured_at, id); a check-in has no temperature. */
export interface CountedRecord {
  inspector_id: string;
  temperature: number | null;
  server_verdict: string;
  sex: string | null;
  age_band: string | null;
  hour: number | null;
  via: string;
}

export interface DayCount {
  day: string;
  dim: string;
  key: string;
  n: number;
}

const SUBS_PER_SELECT = 10_000;

export class StatsRepo {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: Dialect,
  ) {}

  /** sub → document number (null when none), for the subjects among subs that are known people. */
  async documentsBySub(subs: readonly string[]): Promise<Map<string, string | null>> {
    const found = new Map<string, string | null>();
    const unique = [...new Set(subs)];
    for (let i = 0; i < unique.length; i += SUBS_PER_SELECT) {
      const rows = await this.db.selectFrom('people').select(['sub', 'document_no']).where('sub', 'in', unique.slice(i, i + SUBS_PER_SELECT)).execute();
      for (const r of rows) found.set(r.sub, r.document_no);
    }
    return found;
  }

  /** Marks venue days whose records changed: their cached counts are recomputed before the next use. */
  async markDaysChanged(days: readonly { venueId: string; day: string }[]): Promise<void> {
    // In a fixed order, so two processes marking the same days take their row locks alike.
    const sorted = [...new Map(days.map((d) => [`${d.venueId}\u0000${d.day}`, d])).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [, { venueId, day }] of sorted) {
      await this.db
        .insertInto('venue_days')
        .values({ venue_id: venueId, day, changed: 1, counted: 0 })
        .onConflict((oc) => oc.columns(['venue_id', 'day']).doUpdateSet({ changed: sql<number>`venue_days.changed + 1` }))
        .execute();
    }
  }

  /** Days of the venue in [from, to] whose cached counts are older than their records: day → changed. */
  async staleDays(venueId: string, from: string, to: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('venue_days')
      .select(['day', 'changed'])
      .where('venue_id', '=', venueId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .whereRef('counted', '<', 'changed')
      .execute();
    return new Map(rows.map((r) => [r.day, Number(r.changed)]));
  }

  /** Stale days of any venue, oldest day first, at most `limit` (the minute sweep). */
  async staleDaysAnyVenue(limit: number): Promise<{ venueId: string; day: string; changed: number }[]> {
    const rows = await this.db
      .selectFrom('venue_days')
      .select(['venue_id', 'day', 'changed'])
      .whereRef('counted', '<', 'changed')
      .orderBy('day')
      .orderBy('venue_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ venueId: r.venue_id, day: r.day, changed: Number(r.changed) }));
  }

  /** Each person's counted record or check-in of a venue day (records with no readable code are not people). */
  async countedRecords(venueId: string, day: string): Promise<CountedRecord[]> {
    const rows = await this.db
      .selectFrom(rankedPerPerson(this.db, venueId, day).as('l'))
      .select(['inspector_id', 'temperature', 'server_verdict', 'sex', 'age_band', 'hour', 'via'])
      .where('rn', '=', 1)
      .execute();
    return rows.map((r) => ({ ...r, temperature: r.temperature === null ? null : Number(r.temperature), hour: r.hour === null ? null : Number(r.hour) }));
  }

  /**
   * Stores a day's counts as computed from its records at version `changed`, unless counts of that
   * version or a newer one are stored already. A merge that happened meanwhile has raised `changed`
   * past it, so the day stays stale and is counted again.
   */
  async saveDayCounts(venueId: string, day: string, changed: number, counts: readonly Omit<DayCount, 'day'>[]): Promise<void> {
    const json = JSON.stringify(Object.fromEntries(counts.map((c) => [`${c.dim}:${c.key}`, c.n])));
    await this.db
      .updateTable('venue_days')
      .set({ counts: json, counted: changed })
      .where('venue_id', '=', venueId)
      .where('day', '=', day)
      .where('counted', '<', changed)
      .execute();
  }

  /** The cached counts of the venue's days in [from, to] (days with no records have none). */
  async dayCounts(venueId: string, from: string, to: string): Promise<DayCount[]> {
    const rows = await this.db
      .selectFrom('venue_days')
      .select(['day', 'counts'])
      .where('venue_id', '=', venueId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('day')
      .execute();
    const out: DayCount[] = [];
    for (const r of rows) {
      for (const [dimKey, n] of Object.entries(JSON.parse(r.counts) as Record<string, number>)) {
        const at = dimKey.indexOf(':');
        out.push({ day: r.day, dim: dimKey.slice(0, at), key: dimKey.slice(at + 1), n });
      }
    }
    return out;
  }

  /**
   * Codes checked at the venue on a day from an instant on, per inspector: records made at the
   * gate, each person once (their latest record of the day, when it is at or after `since`).
   */
  async checkedSince(venueId: string, day: string, since: number): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom(rankedPerPerson(this.db, venueId, day).as('l'))
      .select((eb) => ['inspector_id', eb.fn.countAll<number | string>().as('n')])
      .where('rn', '=', 1)
      .where('captured_at', '>=', since)
      .where('via', '=', 'gate')
      .groupBy('inspector_id')
      .execute();
    return new Map(rows.map((r) => [r.inspector_id, Number(r.n)]));
  }

  /** The venue a manager manages, if any. */
  async venueOfManager(userId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('venues').select('id').where('manager_user_id', '=', userId).executeTakeFirst();
    return row?.id;
  }

  /** Venues for the statistics pages: the one a manager manages, or all (for admins), by name. */
  async statsVenues(managerId: string | null): Promise<{ id: string; name: string; time_zone: string }[]> {
    let q = this.db.selectFrom('venues').select(['id', 'name', 'time_zone']).orderBy('name').orderBy('id');
    if (managerId !== null) q = q.where('manager_user_id', '=', managerId);
    return q.execute();
  }

  async setVenueManager(venueId: string, userId: string | null): Promise<void> {
    await this.db.updateTable('venues').set({ manager_user_id: userId }).where('id', '=', venueId).execute();
  }
}
