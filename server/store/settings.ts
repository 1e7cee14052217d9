// Store: small named settings and counters (the trust-list version, the red-list salt).

import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export class SettingsRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  /** Sets the value only if the key has none yet; returns the value that is stored afterwards. */
  async setOnce(key: string, value: string): Promise<string> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.get(key))!;
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
}
