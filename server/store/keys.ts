// Store: signing-key metadata and small settings (trust-list version, red-list salt).

import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export class KeysRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async getSetting(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
