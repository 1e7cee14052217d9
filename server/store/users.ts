// Store: staff and holder accounts, venues, and which inspectors are bound to which venue.

import type { Kysely, Selectable } from 'kysely';
import type { Database, UsersTable, VenuesTable } from './schema.js';

export type UserRow = Selectable<UsersTable>;
export type VenueRow = Selectable<VenuesTable>;

export class UsersRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async createUser(row: UserRow): Promise<void> {
    await this.db.insertInto('users').values(row).execute();
  }

  async getUser(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A phone can hold several roles (a holder who is also an inspector): one account per role. */
  async usersByPhone(phone: string): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().where('phone', '=', phone).orderBy('created_at').execute();
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createVenue(row: VenueRow): Promise<void> {
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

  async isBound(userId: string, venueId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('inspector_venues')
      .select('venue_id')
      .where('user_id', '=', userId)
      .where('venue_id', '=', venueId)
      .executeTakeFirst();
    return row !== undefined;
  }
}
