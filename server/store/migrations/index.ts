// Forward-only migrations, applied in order at start. Add a file and a line; never edit one.

import { Migrator, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.js';
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
import * as m016 from './016_organisations.js';
import * as m017 from './017_checkin_counts.js';
import * as m018 from './018_national_state.js';
import * as m019 from './019_own_identity.js';
import * as m024 from './024_session_epoch.js';
import * as m025 from './025_session_epoch_rows.js';

export async function migrate(db: Kysely<unknown>, dialect: Dialect, schema?: string): Promise<void> {
  const migrations: Record<string, Migration> = {
    '001_initial': { up: (d) => m001.up(d, dialect) },
    '002_house': { up: (d) => m002.up(d, dialect) },
    '007_device_keys': { up: (d) => m007.up(d, dialect) },
    '008_session_control': { up: (d) => m008.up(d, dialect) },
    '009_venue_stats': { up: (d) => m009.up(d, dialect) },
    '010_account_records': { up: (d) => m010.up(d, dialect) },
    '011_venue_registration': { up: (d) => m011.up(d, dialect) },
    '012_checkins': { up: (d) => m012.up(d, dialect) },
    '013_holders': { up: (d) => m013.up(d, dialect) },
    '014_audit_chain': { up: (d) => m014.up(d, dialect) },
    '015_status_feeds': { up: (d) => m015.up(d, dialect) },
    '016_organisations': { up: (d) => m016.up(d, dialect) },
    '017_checkin_counts': { up: (d) => m017.up(d, dialect) },
    '018_national_state': { up: (d) => m018.up(d, dialect) },
    '019_own_identity': { up: (d) => m019.up(d, dialect) },
    '024_session_epoch': { up: (d) => m024.up(d, dialect) },
    '025_session_epoch_rows': { up: (d) => m025.up(d, dialect) },
  };
  // On PostgreSQL the migration tables live in the connection's own schema: without this Kysely
  // looks for them in any schema, and two schemas migrating at once trip over each other.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Numbers are handed out to work landing in parallel, so 017 and 018 can land after 019: each
    // one is independent of the others, and a database that already ran 019 must still run them.
    allowUnorderedMigrations: true,
    ...(dialect === 'postgres' ? { migrationTableSchema: schema ?? 'public' } : {}),
  });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely's introspection reads every schema in the database: when another process drops its own
  // schema meanwhile (parallel test runs on one PostgreSQL), the read fails naming that schema.
  // Nothing was migrated then; running again is safe.
  for (let attempt = 1; attempt < 30 && error && isOtherSchemaGone(error, schema); attempt++) {
    await new Promise((r) => setTimeout(r, 20 * attempt));
    ({ error, results } = await migrator.migrateToLatest());
  }
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}

function isOtherSchemaGone(error: unknown, ours: string | undefined): boolean {
  const m = /schema "([^"]+)" does not exist/.exec(error instanceof Error ? error.message : String(error));
  return m !== null && m[1] !== ours;
}
