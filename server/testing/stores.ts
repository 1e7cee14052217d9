// Runs a store test suite on every engine: SQLite always (a fresh file per test), PostgreSQL
// when TEST_DATABASE_URL is set (a fresh schema per test in that database).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import { connect } from '../store/connect.js';
import { createStore, type Store } from '../store/store.js';

// Test-only: store tests read the environment directly, the app reads it through config.ts.
const PG_URL = process.env.TEST_DATABASE_URL;
let warned = false;

export interface Engine {
  name: 'sqlite' | 'postgres';
  open(): Promise<{ store: Store; cleanup(): Promise<void> }>;
}

/** A store on a fresh SQLite file, its path (for a second connection, as the CLI or an operator's shell would make) and its removal. */
export async function openSqliteFile(): Promise<{ store: Store; file: string; cleanup(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'hg-store-'));
  const file = join(dir, 'test.sqlite');
  const store = createStore(await connect({ url: file }));
  return {
    store,
    file,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sqliteEngine: Engine = {
  name: 'sqlite',
  open: openSqliteFile,
};

export const postgresEngine: Engine | undefined = PG_URL
  ? {
      name: 'postgres',
      async open() {
        const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
        const drop = async () => {
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await client.end();
        };
        let store: Store;
        try {
          store = createStore(await connect({ url: PG_URL, schema }));
        } catch (e) {
          await drop(); // a half-migrated schema must not outlive the failure
          throw e;
        }
        return {
          store,
          cleanup: async () => {
            await store.close();
            await drop();
          },
        };
      },
    }
  : undefined;

export const engines: Engine[] = postgresEngine ? [sqliteEngine, postgresEngine] : [sqliteEngine];

/** describe() once per engine; `get()` gives the fresh store of the running test. */
export function describeStores(name: string, suite: (get: () => Store, engine: Engine['name']) => void): void {
  if (!postgresEngine && !warned) {
    warned = true;
    console.log('PostgreSQL store tests skipped: TEST_DATABASE_URL is not set.');
  }
  for (const engine of engines) {
    describe(`${name} [${engine.name}]`, () => {
      let current: { store: Store; cleanup(): Promise<void> } | undefined;
      beforeEach(async () => {
        current = await engine.open();
      });
      afterEach(async () => {
        await current?.cleanup();
        current = undefined;
      });
      suite(() => {
        if (!current) throw new Error('store not open');
        return current.store;
      }, engine.name);
    });
  }
}
