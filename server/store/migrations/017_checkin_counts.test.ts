import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Migration } from 'kysely';
import { expect, it } from 'vitest';
import { createStore } from '../store.js';
import type { Database as Schema } from '../schema.js';
import * as m001 from './001_initial.js';
import * as m002 from './002_house.js';
import * as m007 from './007_device_keys.js';
import * as m008 from './008_session_control.js';
import * as m009 from './009_venue_stats.js';
import * as m010 from './010_account_records.js';
import * as m011 from './011_venue_registration.js';
import * as m012 from './012_checkins.js';
import * as m013 from './013_holders.js';
import * as m014 from './014_audit_chain.js';
import * as m015 from './015_status_feeds.js';
import { migrate } from './index.js';

it('gives check-ins stored before it their hour, sex and age band, recounts their days, and turns bindings into spans', async () => {
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  const before: Record<string, Migration> = Object.fromEntries(
    Object.entries({ '001_initial': m001, '002_house': m002, '007_device_keys': m007, '008_session_control': m008, '009_venue_stats': m009, '010_account_records': m010, '011_venue_registration': m011, '012_checkins': m012, '013_holders': m013, '014_audit_chain': m014, '015_status_feeds': m015 }).map(([name, m]) => [name, { up: (d: Kysely<unknown>) => m.up(d, 'sqlite') }]),
  );
  await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest();
  await sql`insert into venues (id, name, created_at) values ('v1', 'One', 1)`.execute(db);
  await sql`insert into users (id, phone, role, person_id, created_at) values ('insp', '+8613800000001', 'inspector', null, 1)`.execute(db);
  await sql`insert into inspector_venues (user_id, venue_id, created_at) values ('insp', 'v1', 77)`.execute(db);
  await sql`insert into people (id, sub, name, document_no, status, reason, status_changed_at, created_at) values ('p1', 'sub-1', '王芳', '11010519491231002X', 'red', 'close-contact', 1, 1)`.execute(db);
  await sql`insert into venue_days (venue_id, day, changed, counted, counts) values ('v1', '2026-11-21', 3, 3, '{}')`.execute(db);
  // 2026-11-21 10:30 in Shanghai.
  const at = Date.parse('2026-11-21T10:30:00+08:00');
  await sql`insert into checkins (id, user_id, sub, venue_id, inspector_tag, day, captured_at, received_at, code_kid) values ('c1', 'u1', 'sub-1', 'v1', 'ABC234', '2026-11-21', ${at}, ${at}, 'k')`.execute(db);

  await migrate(db as Kysely<unknown>, 'sqlite');
  const store = createStore({ db, dialect: 'sqlite' });
  expect(await store.checkins.get('c1')).toMatchObject({ hour: 10, sex: 'female', age_band: '60+', status: 'red', inspector_id: null });
  expect(await store.stats.staleDays('v1', '2026-11-21', '2026-11-21')).toEqual(new Map([['2026-11-21', 4]]));
  expect(await store.venues.bindingSpans('insp', 'v1')).toMatchObject({ spans: [{ boundAt: 77, unboundAt: null }] });
  await store.close();
});
