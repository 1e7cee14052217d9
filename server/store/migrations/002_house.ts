// Venues get the time zone their day turns in and their own fever threshold; audit entries name
// their target; the development SMS table gets a name that cannot be confused with the gate outbox.

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('venues').addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai')).execute();
  await db.schema.alterTable('venues').addColumn('fever_threshold', 'double precision', (c) => c.notNull().defaultTo(37.3)).execute();
  await db.schema.alterTable('audit_log').addColumn('target', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('sms_outbox').renameTo('dev_sms').execute();
}
