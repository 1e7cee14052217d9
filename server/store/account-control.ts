// Store: what an account's owner changes about the account itself — the phone bound to it, and
// deleting it (the account row keeps its id with the phone replaced; the person keeps its id and
// code subject as the pseudonym while name and document number are emptied).

import type { Kysely, Selectable } from 'kysely';
import { peopleWrites } from './people.js';
import type { AccountDeletionsTable, Database } from './schema.js';

export type AccountDeletionRow = Selectable<AccountDeletionsTable>;

export class AccountControlRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async setPhone(userId: string, phone: string): Promise<void> {
    await this.db.updateTable('users').set({ phone }).where('id', '=', userId).execute();
  }

  /** Empties what names the person; their id and code subject stay, as the pseudonym. */
  async forgetPersonIdentity(personId: string): Promise<void> {
    await this.db.updateTable('people').set({ name: '', document_no: null }).where('id', '=', personId).execute();
    peopleWrites.generation++;
    await this.db.updateTable('entry_records').set({ document_number: '' }).where('person_id', '=', personId).execute();
  }

  async deleteDeviceKeys(userId: string): Promise<void> {
    await this.db.deleteFrom('device_keys').where('user_id', '=', userId).execute();
  }

  async deleteCodeDisplays(userId: string): Promise<number> {
    const r = await this.db.deleteFrom('code_displays').where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async recordDeletion(row: AccountDeletionRow): Promise<void> {
    await this.db.insertInto('account_deletions').values(row).execute();
  }

  async deletionOf(userId: string): Promise<AccountDeletionRow | undefined> {
    return this.db.selectFrom('account_deletions').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }
}
