// Store: the embedded identity registry, a table filled from entry-manifest CSV files.

import type { Kysely, Selectable } from 'kysely';
import type { Database, IdentityRegistryTable } from './schema.js';

export type RegistryRow = Selectable<IdentityRegistryTable>;

export class RegistryRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  /** Adds the rows, replacing the name and country of a document already there. */
  async upsert(rows: readonly RegistryRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('identity_registry')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(['document_type', 'document_number']).doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            country: eb.ref('excluded.country'),
            imported_at: eb.ref('excluded.imported_at'),
          })),
        )
        .execute();
    }
  }

  async byDocument(documentType: string, documentNumber: string): Promise<RegistryRow[]> {
    return this.db
      .selectFrom('identity_registry')
      .selectAll()
      .where('document_type', '=', documentType)
      .where('document_number', '=', documentNumber)
      .execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('identity_registry')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
