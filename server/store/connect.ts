// Opens the database: SQLite (better-sqlite3, WAL) by default, PostgreSQL for a postgres:// URL.
// Migrations run here, at start, before anything else touches the database.

import Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import pg from 'pg';
import { SchemaPostgresDialect } from './introspector.js';
import { sessionEpoch } from './session-epoch.js';
import { SessionWrites } from './session-writes.js';
import { cachingStatements } from './statement-cache.js';
import { migrate } from './migrations/index.js';
import type { Dialect } from './dialect.js';
import type { Database as Schema } from './schema.js';

// BIGINT (int8) columns hold epoch ms, well inside the safe integer range.
pg.types.setTypeParser(20, (v) => Number(v));

export interface Connection {
  db: Kysely<Schema>;
  dialect: Dialect;
  /**
   * SQLite only: the better-sqlite3 handle under `db`, for bulk writes that reuse one prepared
   * statement (see StatusRepo). Used only inside a Kysely transaction, which holds the connection.
   */
  sqlite?: Database.Database;
  /** SQLite only: changes whenever a session or an account may have changed (store/session-writes.ts). */
  sessionsVersion?: () => string;
  /** PostgreSQL only: the same, read from the database once per event-loop turn (store/session-epoch.ts). */
  sessionsEpoch?: () => Promise<string>;
}

export interface ConnectOptions {
  /** A file path for SQLite, or a postgres:// URL. */
  url: string;
  /** PostgreSQL only: the schema to use (created if missing); tests use one each. */
  schema?: string;
}

export async function connect({ url, schema }: ConnectOptions): Promise<Connection> {
  let conn: Connection;
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
    if (schema) {
      // Created on its own connection, committed before the pool (bound to it) opens.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } finally {
        await client.end();
      }
    }
    const pool = new pg.Pool({ connectionString: url, max: 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    const db = new Kysely<Schema>({ dialect: new SchemaPostgresDialect({ pool }, schema ?? 'public') });
    conn = { db, dialect: 'postgres', sessionsEpoch: sessionEpoch(db) };
  } else {
    if (url !== ':memory:') {
      // Owner only: SQLite gives its -wal and -shm files the database file's mode.
      mkdirSync(dirname(url), { recursive: true, mode: 0o700 });
      closeSync(openSync(url, 'a', 0o600));
      chmodSync(url, 0o600);
    }
    const sqlite = new Database(url);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const writes = new SessionWrites(sqlite);
    conn = {
      db: new Kysely<Schema>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }), plugins: [writes] }),
      dialect: 'sqlite',
      sqlite,
      sessionsVersion: () => writes.version(),
    };
  }
  try {
    await migrate(conn.db as Kysely<unknown>, conn.dialect, schema);
  } catch (e) {
    await conn.db.destroy();
    throw e;
  }
  return conn;
}
