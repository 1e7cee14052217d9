// Store: venues (with the time zone their day turns in and their fever threshold) and which
// inspectors are bound to which venue.

import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, InspectorVenuesTable, VenuesTable } from './schema.js';

export type VenueRow = Selectable<VenuesTable>;
export type BindingRow = Selectable<InspectorVenuesTable>;
/** What a manager may change (at most once a week) and what a hand-over changes. */
export type VenueChange = Pick<Updateable<VenuesTable>, 'name' | 'area_code' | 'address' | 'venue_type' | 'contact_phone' | 'edited_at' | 'manager_user_id'>;

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

  async venueOfManager(userId: string): Promise<VenueRow | undefined> {
    return this.db.selectFrom('venues').selectAll().where('manager_user_id', '=', userId).executeTakeFirst();
  }

  async venueByDeclarationCode(code: string): Promise<VenueRow | undefined> {
    return this.db.selectFrom('venues').selectAll().where('declaration_code', '=', code).executeTakeFirst();
  }

  async updateVenue(id: string, change: VenueChange): Promise<void> {
    await this.db.updateTable('venues').set(change).where('id', '=', id).execute();
  }

  /** The inspectors bound to a venue, longest bound first. */
  async bindingsOfVenue(venueId: string): Promise<BindingRow[]> {
    return this.db.selectFrom('inspector_venues').selectAll().where('venue_id', '=', venueId).orderBy('created_at').orderBy('user_id').execute();
  }

  /** Ends a binding; whether there was one. Records made while bound stay as they are. */
  async unbindInspector(userId: string, venueId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('inspector_venues').where('user_id', '=', userId).where('venue_id', '=', venueId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
