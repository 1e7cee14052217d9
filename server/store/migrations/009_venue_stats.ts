// Venue statistics: what a checkpoint record counts as (sex and age band from the person's identity,
// the local hour, how it was made), a venue's manager, and per-day counts kept as a cache of the
// records (recounted when a day's records change, so they can never disagree with the records).

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  // Derived at merge from the person's mainland ID (birth date, sex); null when unknown. The record
  // still holds no name, phone or document number.
  await db.schema.alterTable('checkpoint_records').addColumn('sex', 'text').execute();
  await db.schema.alterTable('checkpoint_records').addColumn('age_band', 'text').execute();
  // Local hour (0–23) of captured_at in the venue's zone, like `day`.
  await db.schema.alterTable('checkpoint_records').addColumn('hour', 'integer').execute();
  // 'gate' for a check at the gate, 'checkin' for a visitor's sunflower-code check-in.
  await db.schema.alterTable('checkpoint_records').addColumn('via', 'text', (c) => c.notNull().defaultTo('gate')).execute();

  // The one manager of a venue (venue registration takes this over).
  await db.schema.alterTable('venues').addColumn('manager_user_id', 'text').execute();
  await db.schema.createIndex('venues_manager').on('venues').column('manager_user_id').execute();

  // One row per venue and local day that has records. changed: bumped by every merge that stores
  // a record of that day; counted: the value of changed the stored counts were computed at
  // (counted < changed means recount before use); counts: the raw (unsuppressed) counts as JSON,
  // {"people:all": n, "sex:male": n, …} — one row a day, so a year is 365 rows to read.
  await db.schema
    .createTable('venue_days')
    .addColumn('venue_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('changed', 'bigint', (c) => c.notNull())
    .addColumn('counted', 'bigint', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addPrimaryKeyConstraint('venue_days_pk', ['venue_id', 'day'])
    .execute();
}
