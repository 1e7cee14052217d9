// better-sqlite3 under Kysely: Kysely's SQLite driver prepares every query afresh, and preparing
// costs more than running a small query (a session lookup: ~90 µs to prepare, a few µs to run).
// This keeps the prepared statements of recent SQL texts and hands them out again. A statement
// still iterating (a streamed export) is busy: the caller gets a fresh one, never the busy one.

import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';

/** The part of better-sqlite3's Database Kysely's SqliteDialect calls. */
export interface PreparingDatabase {
  prepare(sql: string): Statement;
  close(): unknown;
}

export function cachingStatements(db: SqliteDatabase, maxStatements = 500): PreparingDatabase {
  const cache = new Map<string, Statement>();
  return {
    prepare(sql: string): Statement {
      const held = cache.get(sql);
      if (held && !held.busy) {
        // Most recently used last, so the first key is the one to drop.
        cache.delete(sql);
        cache.set(sql, held);
        return held;
      }
      const stmt = db.prepare(sql);
      if (held) return stmt;
      cache.set(sql, stmt);
      if (cache.size > maxStatements) cache.delete(cache.keys().next().value!);
      return stmt;
    },
    close() {
      cache.clear();
      return db.close();
    },
  };
}
