// Store: venues (with the time zone their day turns in and their fever threshold), which
// inspectors are bound to which venue now, and the spans of every binding there ever was.

import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, InspectorVenuesTable, VenuesTable } from './schema.js';

export type VenueRow = Selectable<VenuesTable>;
export type BindingRow = Selectable<InspectorVenuesTable>;
/** A span of binding: from boundAt until unboundAt (null while it lasts), by the server's clock. */
export interface BindingSpan {
  boundAt: number;
  unboundAt: number | null;
}
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

  /** Binds the inspector to the venue (a new span of binding begins) unless they are bound already. */
  async bindInspector(userId: string, venueId: string, at: number): Promise<void> {
    const inserted = await this.db
      .insertInto('inspector_venues')
      .values({ user_id: userId, venue_id: venueId, created_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'venue_id']).doNothing())
      .returning('user_id')
      .execute();
    if (inserted.length === 0) return;
    await this.db
      .insertInto('inspector_bindings')
      .values({ user_id: userId, venue_id: venueId, bound_at: at, unbound_at: null })
      .onConflict((oc) => oc.columns(['user_id', 'venue_id', 'bound_at']).doUpdateSet({ unbound_at: null }))
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

  /**
   * Ends a binding at `at`; whether there was one. The span is kept (bound at, unbound at): records
   * captured while bound stay as they are and still count when they are synced later.
   */
  async unbindInspector(userId: string, venueId: string, at: number): Promise<boolean> {
    const result = await this.db.deleteFrom('inspector_venues').where('user_id', '=', userId).where('venue_id', '=', venueId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await this.db
      .updateTable('inspector_bindings')
      .set({ unbound_at: at })
      .where('user_id', '=', userId)
      .where('venue_id', '=', venueId)
      .where('unbound_at', 'is', null)
      .execute();
    return true;
  }

  /** The venue and every span of the inspector's binding to it, oldest first; undefined if never bound. */
  async bindingSpans(userId: string, venueId: string): Promise<{ venue: VenueRow; spans: BindingSpan[] } | undefined> {
    const rows = await this.db
      .selectFrom('inspector_bindings')
      .select(['bound_at', 'unbound_at'])
      .where('user_id', '=', userId)
      .where('venue_id', '=', venueId)
      .orderBy('bound_at')
      .execute();
    if (rows.length === 0) return undefined;
    const venue = await this.getVenue(venueId);
    if (!venue) return undefined;
    return { venue, spans: rows.map((r) => ({ boundAt: Number(r.bound_at), unboundAt: r.unbound_at === null ? null : Number(r.unbound_at) })) };
  }

  /** Every account ever bound to the venue as an inspector (now or before), by id. */
  async inspectorsEverBound(venueId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('inspector_bindings').select('user_id').distinct().where('venue_id', '=', venueId).orderBy('user_id').execute();
    return rows.map((r) => r.user_id);
  }
}
