import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
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
import { migrate } from './index.js';

it('chains the audit rows written before it, in the order they were written', async () => {
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  const before: Record<string, Migration> = {
    '001_initial': { up: (d) => m001.up(d, 'sqlite') },
    '002_house': { up: (d) => m002.up(d, 'sqlite') },
    '007_device_keys': { up: (d) => m007.up(d, 'sqlite') },
    '008_session_control': { up: (d) => m008.up(d, 'sqlite') },
    '009_venue_stats': { up: (d) => m009.up(d, 'sqlite') },
    '010_account_records': { up: (d) => m010.up(d, 'sqlite') },
    '011_venue_registration': { up: (d) => m011.up(d, 'sqlite') },
    '012_checkins': { up: (d) => m012.up(d, 'sqlite') },
    '013_holders': { up: (d) => m013.up(d, 'sqlite') },
  };
  await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest();
  const old = db as unknown as Kysely<{ audit_log: { at: number; actor: string; action: string; target: string; detail: string } }>;
  for (const i of [1, 2, 3]) await old.insertInto('audit_log').values({ at: i, actor: 'operator:a', action: 'demo.seed', target: 'system:', detail: JSON.stringify({ i }) }).execute();
  await migrate(db as Kysely<unknown>, 'sqlite');
  const store = createStore({ db, dialect: 'sqlite' });
  await store.audit.append({ at: 4, actor: 'operator:a', action: 'demo.seed', target: 'system:', detail: {} });
  expect(await store.audit.verify()).toMatchObject({ ok: true, checked: 4, head: { seq: 4 } });
  await store.close();
});
