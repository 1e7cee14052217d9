// Store: signing-key metadata and small settings (trust-list version, red-list salt).

import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, SigningKeysTable } from './schema.js';

export type SigningKeyRow = Selectable<SigningKeysTable>;

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

  /** Sets the value only if the key has none yet; returns the value that is stored afterwards. */
  async setSettingOnce(key: string, value: string): Promise<string> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.getSetting(key))!;
  }

  /** Adds one to an integer setting (starting from 0) in one statement, so concurrent bumps all count. */
  async incrementCounter(key: string): Promise<number> {
    const row = await this.db
      .insertInto('settings')
      .values({ key, value: '1' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql<string>`cast(cast(settings.value as integer) + 1 as text)` }))
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }

  async addSigningKey(row: SigningKeyRow): Promise<void> {
    await this.db.insertInto('signing_keys').values(row).execute();
  }

  async signingKeys(): Promise<SigningKeyRow[]> {
    return this.db.selectFrom('signing_keys').selectAll().orderBy('created_at').orderBy('kid').execute();
  }

  async getSigningKey(kid: string): Promise<SigningKeyRow | undefined> {
    return this.db.selectFrom('signing_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
  }

  async setKeyState(kid: string, state: SigningKeyRow['state'], validTo?: number): Promise<void> {
    await this.db
      .updateTable('signing_keys')
      .set(validTo === undefined ? { state } : { state, valid_to: validTo })
      .where('kid', '=', kid)
      .execute();
  }
}
