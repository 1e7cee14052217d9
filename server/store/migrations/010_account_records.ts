// Accounts people control and their health records (issue 7 §3–4): when a session last proved its
// phone again (re-verification before unbinding or deleting), accounts and people deleted on
// request (kept pseudonymised where the law needs them), and the records a holder sees: test
// results, entry records, health notices, and the code displays (亮码记录) phones report.

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('reverified_at', 'bigint').execute();

  await db.schema
    .createTable('account_deletions')
    .addColumn('receipt_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('person_id', 'text')
    .addColumn('deleted_at', 'bigint', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('test_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    /** 'nucleic-acid' | 'antibody' (shared/feeds.ts TEST_KINDS). */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** 'negative' | 'positive'. */
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('institution', 'text', (c) => c.notNull())
    .addColumn('sampled_at', 'bigint', (c) => c.notNull())
    .addColumn('reported_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('test_results_person').on('test_results').columns(['person_id', 'sampled_at']).execute();

  await db.schema
    .createTable('entry_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    /** ISO 3166-1 alpha-2 of the country or region travelled from. */
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    /** Local calendar day of entry, YYYY-MM-DD. */
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('port', 'text', (c) => c.notNull())
    /** 'air' | 'sea' | 'land' | 'rail', with the flight or vehicle in transport_detail. */
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('transport_detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entry_records_person').on('entry_records').column('person_id').execute();

  await db.schema
    .createTable('health_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    /** 'health-certificate' | 'observation-release'. */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** Certificates: 'valid' | 'expired' | 'revoked'; release notices: 'released'. */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('valid_until', 'bigint')
    .execute();
  await db.schema.createIndex('health_notices_person').on('health_notices').column('person_id').execute();

  await db.schema
    .createTable('code_displays')
    /** Made by the phone (UUID), so a display reported twice is stored once. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('shown_at', 'bigint', (c) => c.notNull())
    /** 'green' | 'red', as the code shown said. */
    .addColumn('status', 'text', (c) => c.notNull())
    /** 1 when the phone was offline and reported the display later. */
    .addColumn('offline', 'integer', (c) => c.notNull())
    .addColumn('reported_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('code_displays_person').on('code_displays').columns(['person_id', 'shown_at']).execute();
}
