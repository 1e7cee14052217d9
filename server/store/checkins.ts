// Store: sunflower check-ins, append-only (inserted once, never changed or deleted). They count in
// venue statistics beside checkpoint records: see venueDayVisits in records.ts.

import type { Kysely, Selectable } from 'kysely';
import type { CheckinsTable, Database } from './schema.js';

export type CheckinRow = Selectable<CheckinsTable>;
/** What a check-in counts as in venue statistics (migration 017) may be left out, as unknown. */
type StatsColumns = 'inspector_id' | 'sex' | 'age_band' | 'hour' | 'status';
export type NewCheckin = Omit<CheckinRow, StatsColumns> & Partial<Pick<CheckinRow, StatsColumns>>;

export class CheckinsRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  /** Inserts the check-in unless its id is stored already; whether it went in. */
  async insert(row: NewCheckin): Promise<boolean> {
    const inserted = await this.db
      .insertInto('checkins')
      .values({ inspector_id: null, sex: null, age_band: null, hour: null, status: 'green', ...row }).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
    return inserted.length > 0;
  }

  /** Bulk insert for benchmarks and imports: rows whose id is stored already are skipped. */
  async insertMany(rows: readonly NewCheckin[]): Promise<void> {
    // 14 columns a row: 1,000 rows stay under SQLite's and PostgreSQL's bind-parameter limits.
    for (let i = 0; i < rows.length; i += 1_000) {
      await this.db
        .insertInto('checkins')
        .values(rows.slice(i, i + 1_000).map((row) => ({ inspector_id: null, sex: null, age_band: null, hour: null, status: 'green' as const, ...row })))
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
  }

  async get(id: string): Promise<CheckinRow | undefined> {
    return this.db.selectFrom('checkins').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Check-ins at a venue on a local day, oldest first. */
  async ofVenueDay(venueId: string, day: string): Promise<CheckinRow[]> {
    return this.db.selectFrom('checkins').selectAll().where('venue_id', '=', venueId).where('day', '=', day).orderBy('captured_at').orderBy('id').execute();
  }
}
