// Store: signing-key metadata (the private halves live in files, see server/keys/files.ts).

import type { Kysely, Selectable } from 'kysely';
import type { Database, SigningKeysTable } from './schema.js';

export type SigningKeyRow = Selectable<SigningKeysTable>;

export class KeysRepo {
  constructor(protected readonly db: Kysely<Database>) {}

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
