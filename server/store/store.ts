// The one Store the services see: a repository per area over Kysely, the same code for SQLite
// and PostgreSQL. Services never write SQL; they call these methods, inside `transaction` when
// several writes must land together.

import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { AccountControlRepo } from './account-control.js';
import { AccountsRepo } from './accounts.js';
import { AuditRepo } from './audit.js';
import { AuthRepo } from './auth.js';
import { CheckinsRepo } from './checkins.js';
import type { Connection } from './connect.js';
import type { Dialect } from './dialect.js';
import { DevSmsRepo } from './dev-sms.js';
import { DeviceKeysRepo } from './device-keys.js';
import { HolderRecordsRepo } from './holder-records.js';
import { HoldersRepo } from './holders.js';
import { KeysRepo } from './keys.js';
import { OrgsRepo } from './orgs.js';
import { PeopleRepo } from './people.js';
import { RecordsRepo } from './records.js';
import { RedListRepo } from './redlist.js';
import { RegistryRepo } from './registry.js';
import type { Database } from './schema.js';
import { SettingsRepo } from './settings.js';
import { StatsRepo } from './stats.js';
import { StatusRepo } from './status.js';
import { VenuesRepo } from './venues.js';

export interface Store {
  readonly dialect: Dialect;
  readonly people: PeopleRepo;
  readonly accounts: AccountsRepo;
  readonly venues: VenuesRepo;
  readonly auth: AuthRepo;
  readonly devSms: DevSmsRepo;
  readonly keys: KeysRepo;
  readonly settings: SettingsRepo;
  readonly redList: RedListRepo;
  readonly audit: AuditRepo;
  readonly records: RecordsRepo;
  readonly deviceKeys: DeviceKeysRepo;
  readonly stats: StatsRepo;
  readonly accountControl: AccountControlRepo;
  readonly holderRecords: HolderRecordsRepo;
  readonly checkins: CheckinsRepo;
  readonly registry: RegistryRepo;
  readonly holders: HoldersRepo;
  readonly status: StatusRepo;
  readonly orgs: OrgsRepo;
  /** SQLite only: changes whenever a session or an account may have changed, here or in another process. */
  readonly sessionsVersion?: () => string;
  /** PostgreSQL only: the same, from the database, once per event-loop turn (store/session-epoch.ts). */
  readonly sessionsEpoch?: () => Promise<string>;
  /** Runs fn with a Store whose every repository writes in one transaction. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function storeOver(db: Kysely<Database>, dialect: Dialect, root: Kysely<Database>, sqlite: BetterSqlite3.Database | undefined): Store {
  return {
    dialect,
    people: new PeopleRepo(db),
    accounts: new AccountsRepo(db),
    venues: new VenuesRepo(db),
    auth: new AuthRepo(db),
    devSms: new DevSmsRepo(db),
    keys: new KeysRepo(db),
    settings: new SettingsRepo(db),
    redList: new RedListRepo(db),
    audit: new AuditRepo(db),
    records: new RecordsRepo(db, dialect),
    deviceKeys: new DeviceKeysRepo(db),
    stats: new StatsRepo(db, dialect),
    accountControl: new AccountControlRepo(db),
    holderRecords: new HolderRecordsRepo(db),
    checkins: new CheckinsRepo(db),
    registry: new RegistryRepo(db),
    holders: new HoldersRepo(db),
    status: new StatusRepo(db, dialect, sqlite),
    orgs: new OrgsRepo(db),
    transaction: (fn) =>
      db.isTransaction ? fn(storeOver(db, dialect, root, sqlite)) : db.transaction().execute((tx) => fn(storeOver(tx, dialect, root, sqlite))),
    close: () => root.destroy(),
  };
}

export function createStore({ db, dialect, sqlite, sessionsVersion, sessionsEpoch }: Connection): Store {
  const store = storeOver(db, dialect, db, sqlite);
  return { ...store, ...(sessionsVersion ? { sessionsVersion } : {}), ...(sessionsEpoch ? { sessionsEpoch } : {}) };
}
