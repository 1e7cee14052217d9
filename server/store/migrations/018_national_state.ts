// The national platform's health state per person (green, yellow or red), as a status feed brings
// it in: facts keyed by document number like the other feeds. It never sets the local code; the
// latest state per person is kept on the person, compared with the local code, and a
// disagreement is shown to the person.

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('feed_national_state')
    .addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigserial', (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    /** Epoch ms: when the national platform gave this state. The latest per document counts. */
    .addColumn('as_of', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feed_national_state_document').on('feed_national_state').columns(['document_number', 'as_of']).execute();
  await db.schema.createIndex('feed_national_state_import').on('feed_national_state').column('import_id').execute();
  /** The latest of those states per person, kept on the person so reading a code costs no extra query. */
  await db.schema.alterTable('people').addColumn('national_state', 'text').execute();
  await db.schema.alterTable('people').addColumn('national_state_at', 'bigint').execute();
}
