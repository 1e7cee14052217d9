// Store: the public device keys of holder phones, per account, newest use first.

import type { Kysely, Selectable } from 'kysely';
import type { Database, DeviceKeysTable } from './schema.js';

export type DeviceKeyRow = Selectable<DeviceKeysTable>;

export class DeviceKeysRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  /** Stores the key, or marks it used now if the account has it already. */
  async upsert(row: DeviceKeyRow): Promise<void> {
    await this.db
      .insertInto('device_keys')
      .values(row)
      .onConflict((oc) => oc.columns(['user_id', 'key_id']).doUpdateSet({ last_used_at: row.last_used_at }))
      .execute();
  }

  async get(userId: string, keyId: string): Promise<DeviceKeyRow | undefined> {
    return this.db.selectFrom('device_keys').selectAll().where('user_id', '=', userId).where('key_id', '=', keyId).executeTakeFirst();
  }

  async touch(userId: string, keyId: string, at: number): Promise<void> {
    await this.db.updateTable('device_keys').set({ last_used_at: at }).where('user_id', '=', userId).where('key_id', '=', keyId).execute();
  }

  /** The account's keys, most recently used first. */
  async ofUser(userId: string): Promise<DeviceKeyRow[]> {
    return this.db.selectFrom('device_keys').selectAll().where('user_id', '=', userId).orderBy('last_used_at', 'desc').orderBy('key_id').execute();
  }

  async remove(userId: string, keyIds: readonly string[]): Promise<void> {
    if (keyIds.length === 0) return;
    await this.db.deleteFrom('device_keys').where('user_id', '=', userId).where('key_id', 'in', keyIds).execute();
  }
}
