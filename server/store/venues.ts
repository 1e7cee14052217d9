// Store: venues (with the time zone their day turns in and their fever threshold) and which
// inspectors are bound to which venue.

import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, VenuesTable } from './schema.js';

export type VenueRow = Selectable<VenuesTable>;

export class VenuesRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async createVenue(row: Insertable<VenuesTable>): Promise<void> {
    await this.db.insertInto('venues').values(row).execute();
  }

  async getVenue(id: string): Promise<VenueRow | undefined> {
    return this.db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async bindInspector(userId: string, venueId: string, at: number): Promise<void> {
    await this.db
      .insertInto('inspector_venues')
      .values({ user_id: userId, venue_id: venueId, created_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'venue_id']).doNothing())
      .execute();
  }

  async venuesOfInspector(userId: string): Promise<VenueRow[]> {
    return this.db
      .selectFrom('inspector_venues')
      .innerJoin('venues', 'venues.id', 'inspector_venues.venue_id')
      .selectAll('venues')
      .where('inspector_venues.user_id', '=', userId)
      .orderBy('venues.name')
      .execute();
  }

  /** The venue, if the inspector is bound to it. */
  async boundVenue(userId: string, venueId: string): Promise<VenueRow | undefined> {
    return this.db
      .selectFrom('inspector_venues')
      .innerJoin('venues', 'venues.id', 'inspector_venues.venue_id')
      .selectAll('venues')
      .where('inspector_venues.user_id', '=', userId)
      .where('inspector_venues.venue_id', '=', venueId)
      .executeTakeFirst();
  }
}
