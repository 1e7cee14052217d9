// Store: signing-key metadata (the private halves live in files, see server/keys/files.ts).

import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, SigningKeysTable } from './schema.js';

export type SigningKeyRow = Selectable<SigningKeysTable>;

export class KeysRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async addSigningKey(row: Insertable<SigningKeysTable>): Promise<void> {
    await this.db.insertInto('signing_keys').values(row).execute();
  }

  async signingKeys(): Promise<SigningKeyRow[]> {
    return (await this.db.selectFrom('signing_keys').selectAll().orderBy('created_at').orderBy('kid').execute()).map(keyRow);
  }

  async getSigningKey(kid: string): Promise<SigningKeyRow | undefined> {
    const row = await this.db.selectFrom('signing_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
    return row && keyRow(row);
  }

  async setKeyState(kid: string, state: SigningKeyRow['state'], validTo?: number): Promise<void> {
    await this.db
      .updateTable('signing_keys')
      .set(validTo === undefined ? { state } : { state, valid_to: validTo })
      .where('kid', '=', kid)
      .execute();
  }

  /** Withdraws a key from `from` on (null: all its codes). */
  async withdrawKey(kid: string, from: number | null): Promise<void> {
    await this.db.updateTable('signing_keys').set({ state: 'withdrawn', withdrawn_from: from }).where('kid', '=', kid).execute();
  }
}

const keyRow = (r: SigningKeyRow): SigningKeyRow => ({ ...r, withdrawn_from: r.withdrawn_from === null ? null : Number(r.withdrawn_from) });
