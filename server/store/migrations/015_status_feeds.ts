// The health authority's status feeds: what each import brought in (test results, key-population
// entries, keyed by document), the imports themselves with their reports, the append-only status
// events they caused, the tokens feed systems post with, red-list entries that expire, signing keys
// withdrawn from a point in time, and the list versions each gate device reports when it syncs.

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const autoId = (c: import('kysely').ColumnDefinitionBuilder) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  const autoType = dialect === 'sqlite' ? 'integer' : 'bigserial';

  await db.schema
    .createTable('status_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('feed', 'text', (c) => c.notNull())
    /** Where the file came from: `cli`, `console`, or `feed:<source>`. */
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('applied', 'integer', (c) => c.notNull())
    .addColumn('accepted', 'bigint', (c) => c.notNull())
    .addColumn('rejected', 'bigint', (c) => c.notNull())
    .addColumn('status_changes', 'bigint', (c) => c.notNull())
    .addColumn('red_list_added', 'bigint', (c) => c.notNull())
    .addColumn('red_list_removed', 'bigint', (c) => c.notNull())
    /** The ImportReport as JSON (at most MAX_REPORTED_ROWS rejected lines). */
    .addColumn('report', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('status_imports_at').on('status_imports').column('at').execute();

  await db.schema
    .createTable('feed_test_results')
    .addColumn('id', autoType, autoId)
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('test_kind', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('institution', 'text', (c) => c.notNull())
    .addColumn('sampled_at', 'bigint', (c) => c.notNull())
    .addColumn('reported_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feed_test_results_document').on('feed_test_results').column('document_number').execute();
  await db.schema.createIndex('feed_test_results_import').on('feed_test_results').column('import_id').execute();

  await db.schema
    .createTable('feed_key_population')
    .addColumn('id', autoType, autoId)
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('source_note', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feed_key_population_document').on('feed_key_population').column('document_number').execute();
  await db.schema.createIndex('feed_key_population_import').on('feed_key_population').column('import_id').execute();

  await db.schema
    .createTable('status_events')
    .addColumn('id', autoType, autoId)
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** What caused it: `import:<id>`, `manual`, `correction`, `schedule` (a quarantine ended). */
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('status_events_person').on('status_events').columns(['person_id', 'id']).execute();

  await db.schema
    .createTable('feed_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    /** Comma-separated feed kinds this source may post. */
    .addColumn('feeds', 'text', (c) => c.notNull())
    /** SHA-256 of the token, hex: the token itself is shown once and never stored. */
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();

  /** When the entry has caught every code it can: null for entries made before this migration (kept). */
  await db.schema.alterTable('red_list_entries').addColumn('expires_at', 'bigint').execute();
  await db.schema.createIndex('red_list_entries_expires').on('red_list_entries').column('expires_at').execute();
  /** The next instant the person's feeds give another status (a quarantine ends): re-decided then. */
  await db.schema.alterTable('people').addColumn('status_until', 'bigint').execute();
  await db.schema.createIndex('people_status_until').on('people').column('status_until').execute();
  await db.schema.createIndex('people_document_no').on('people').column('document_no').execute();
  /** A key withdrawn from a point in time: codes it signed before stay valid (null: from its start). */
  await db.schema.alterTable('signing_keys').addColumn('withdrawn_from', 'bigint').execute();
  /** Adoption: the trust-list and red-list versions a gate device held at its latest sync. */
  await db.schema.alterTable('devices').addColumn('trust_version', 'bigint').execute();
  await db.schema.alterTable('devices').addColumn('red_list_version', 'bigint').execute();
  /** Sync health: how many records each device had rejected, by reason (rejected records are not stored). */
  await db.schema
    .createTable('sync_rejections')
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_rejections_pk', ['device_id', 'reason'])
    .execute();
}
