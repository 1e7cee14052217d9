// Store: sunflower check-ins, append-only (inserted once, never changed or deleted).

import type { Kysely, Selectable } from 'kysely';
import type { CheckinsTable, Database } from './schema.js';

export type CheckinRow = Selectable<CheckinsTable>;

export class CheckinsRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  /** Inserts the check-in unless its id is stored already; whether it went in. */
  async insert(row: CheckinRow): Promise<boolean> {
    const inserted = await this.db.insertInto('checkins').values(row).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
    return inserted.length > 0;
  }

  async get(id: string): Promise<CheckinRow | undefined> {
    return this.db.selectFrom('checkins').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Check-ins at a venue on a local day, oldest first. */
  async ofVenueDay(venueId: string, day: string): Promise<CheckinRow[]> {
    return this.db.selectFrom('checkins').selectAll().where('venue_id', '=', venueId).where('day', '=', day).orderBy('captured_at').orderBy('id').execute();
  }
}
