// Store: accounts (one per phone and role) and the person a holder account belongs to.

import type { Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from './schema.js';

export type UserRow = Selectable<UsersTable>;

export class AccountsRepo {
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

  /** The holder account bound to this person, if any (members looked after by guardians have none). */
  async holderOfPerson(personId: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('person_id', '=', personId).where('role', '=', 'holder').executeTakeFirst();
  }

  /**
   * Binds an account without a person to one; false when the account has a person already. The
   * unique index users_holder_person (migration 019) refuses a second holder account for a person.
   */
  async bindPerson(userId: string, personId: string): Promise<boolean> {
    const r = await this.db.updateTable('users').set({ person_id: personId }).where('id', '=', userId).where('person_id', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
