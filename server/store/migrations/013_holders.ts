// Holders beyond one person per phone (issue 7): the identity registry the real-name check reads,
// what kind of holder a person is and which document they are, who looks after whom (companions,
// family members), travellers' personal return links, and printed codes with their reprint counter.

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('identity_registry')
    .addColumn('document_type', 'text', (c) => c.notNull())
    /** Canonical form (shared/documents.ts checkDocument): for permits the lifelong number. */
    .addColumn('document_number', 'text', (c) => c.notNull())
    /** Registry form (shared/names.ts normaliseRegistryName): surname first for Latin names. */
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('imported_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('identity_registry_pk', ['document_type', 'document_number'])
    .execute();

  await db.schema.alterTable('people').addColumn('document_type', 'text').execute();
  await db.schema.alterTable('people').addColumn('country', 'text').execute();
  await db.schema.alterTable('people').addColumn('kind', 'text', (c) => c.notNull().defaultTo('resident')).execute();
  // One person per document: a member added by two guardians is the same row.
  await db.schema.createIndex('people_document').on('people').columns(['document_type', 'document_no']).unique().execute();

  await db.schema
    .createTable('guardianships')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    /** 'companion' (a traveller's 同行人) or 'family'. */
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('guardianships_pk', ['user_id', 'person_id'])
    .execute();
  await db.schema.createIndex('guardianships_person').on('guardianships').column('person_id').execute();

  await db.schema
    .createTable('traveller_links')
    /** SHA-256 of the link's token, hex: the token itself is only in the SMS. */
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();

  await db.schema
    .createTable('printed_codes')
    /** The code's cti, base64url. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    /** 1 for the first print of this person, counting up with every reprint. */
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    /** Set when a reprint or a status change replaced it: its id went on the red list then. */
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('printed_codes_person').on('printed_codes').columns(['person_id', 'seq']).unique().execute();
}
