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

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
