// Organisations (schools, companies, units) as their admins register them, their members (by the
// label the member gave, never a name or phone), and daily health declarations — append-only: a
// later declaration of the same person, organisation and local day supersedes, nothing is edited.

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    /** GB/T 2260 code at any level (2, 4, 6 or 9 digits). */
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('admin_user_id', 'text', (c) => c.notNull())
    /** E.164; never sent to anyone in full. */
    .addColumn('admin_phone', 'text', (c) => c.notNull())
    .addColumn('join_code', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('edited_at', 'bigint')
    .execute();
  await db.schema.createIndex('organisations_admin').unique().on('organisations').column('admin_user_id').execute();
  await db.schema.createIndex('organisations_join_code').unique().on('organisations').column('join_code').execute();

  await db.schema
    .createTable('org_members')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    /** The holder account that joined (the person's own account). */
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_members_pk', ['org_id', 'person_id'])
    .execute();
  await db.schema.createIndex('org_members_person').on('org_members').column('person_id').execute();

  await db.schema
    .createTable('health_declarations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    /** '' for a personal self-check (so one index serves both kinds). */
    .addColumn('org_id', 'text', (c) => c.notNull())
    /** Local day of declared_at in the organisation's zone (the default zone for a self-check). */
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    /** Comma-separated SYMPTOMS, '' for none. */
    .addColumn('symptoms', 'text', (c) => c.notNull())
    .addColumn('temperature', 'double precision', (c) => c.notNull())
    .addColumn('travel', 'integer', (c) => c.notNull())
    .addColumn('travel_where', 'text', (c) => c.notNull())
    .addColumn('key_contact', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('health_declarations_person').on('health_declarations').columns(['person_id', 'declared_at']).execute();
  await db.schema.createIndex('health_declarations_org_day').on('health_declarations').columns(['org_id', 'day']).execute();
}
