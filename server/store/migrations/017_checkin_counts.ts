// Sunflower check-ins count in venue statistics, stale venue days are found by index, and bindings
// keep their history.
// Check-ins get what a checkpoint record counts by (the inspector whose code it was, the person's sex
// and age band, the local hour, the person's status when it arrived); the days that already have
// check-ins are marked changed so their cached counts are made again. Bindings of inspectors to
// venues become spans (bound at, unbound at): a record captured inside a span counts even when it
// is synced after the unbind.

import { sql, type Kysely } from 'kysely';
import { ageBand, identityFacts } from '../../../shared/documents.js';
import { localHour } from '../../../shared/time.js';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  const add = (column: string, type: 'text' | 'integer') => db.schema.alterTable('checkins').addColumn(column, type).execute();
  /** The account of the inspector whose code it was (null when no binding had that tag). */
  await add('inspector_id', 'text');
  await add('sex', 'text');
  await add('age_band', 'text');
  await add('hour', 'integer');
  /** The visitor's status ('green' or 'red') when the check-in reached the server. */
  await db.schema.alterTable('checkins').addColumn('status', 'text', (c) => c.notNull().defaultTo('green')).execute();

  // Check-ins stored before: their hour in the venue's zone, sex and age band from the person's
  // mainland ID (as merge derives them), and their days counted again.
  const rows = await sql<{ id: string; venue_id: string; day: string; captured_at: number | string; time_zone: string; document_no: string | null; status: string | null }>`
    select c.id, c.venue_id, c.day, c.captured_at, v.time_zone, p.document_no, p.status
    from checkins c join venues v on v.id = c.venue_id left join people p on p.sub = c.sub`.execute(db);
  const days = new Set<string>();
  for (const r of rows.rows) {
    const at = Number(r.captured_at);
    const facts = r.document_no ? identityFacts('mainland-id', r.document_no, { now: new Date(at), timeZone: r.time_zone }) : undefined;
    const band = facts ? ageBand(facts.birthDate, new Date(at), r.time_zone) : null;
    await sql`update checkins set hour = ${localHour(at, r.time_zone)}, sex = ${facts?.sex ?? null}, age_band = ${band}, status = ${r.status === 'red' ? 'red' : 'green'} where id = ${r.id}`.execute(db);
    days.add(`${r.venue_id}\u0000${r.day}`);
  }
  for (const key of days) {
    const [venueId, day] = key.split('\u0000') as [string, string];
    await sql`insert into venue_days (venue_id, day, changed, counted, counts) values (${venueId}, ${day}, 1, 0, '{}')
      on conflict (venue_id, day) do update set changed = venue_days.changed + 1`.execute(db);
  }

  // The minute sweep looks for days whose counts are behind their records: few rows, found by index.
  await sql`create index venue_days_stale on venue_days (day, venue_id) where counted < changed`.execute(db);

  // One row per span of binding; unbound_at null while it lasts. inspector_venues stays the set of
  // current bindings.
  await db.schema
    .createTable('inspector_bindings')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('venue_id', 'text', (c) => c.notNull())
    .addColumn('bound_at', 'bigint', (c) => c.notNull())
    .addColumn('unbound_at', 'bigint')
    .addPrimaryKeyConstraint('inspector_bindings_pk', ['user_id', 'venue_id', 'bound_at'])
    .execute();
  await db.schema.createIndex('inspector_bindings_venue').on('inspector_bindings').column('venue_id').execute();
  await sql`insert into inspector_bindings (user_id, venue_id, bound_at, unbound_at) select user_id, venue_id, created_at, null from inspector_venues`.execute(db);
}
