// A query on a hot path (a session on every request, the person behind a code) compiled to SQL
// once per dialect instead of on every call: Kysely's builder and compiler cost more than running
// such a query on SQLite. The query is built once with marker values; each call puts its own
// values where the markers were.

import type { CompiledQuery, Compilable, DialectAdapter, Kysely } from 'kysely';
import type { Database } from './schema.js';

interface Compiled {
  query: CompiledQuery<unknown>;
  /** Where each argument goes in the parameter list. */
  positions: number[];
}

export type HotQuery<A extends unknown[], R> = (db: Kysely<Database>, ...args: A) => Promise<R[]>;

export function compiledOnce<A extends unknown[], R>(build: (db: Kysely<Database>, ...args: A) => Compilable<R>): HotQuery<A, R> {
  // One per dialect adapter: a test process talks to SQLite and PostgreSQL at once, and a
  // transaction shares its database's adapter.
  const byAdapter = new WeakMap<DialectAdapter, Compiled>();
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let compiled = byAdapter.get(adapter);
    if (!compiled) {
      const markers = args.map((_, i) => `\u0000hot-query-marker-${i}`) as unknown as A;
      const query = build(db, ...markers).compile() as CompiledQuery<unknown>;
      const positions = markers.map((m) => query.parameters.indexOf(m));
      if (positions.some((p, i) => p < 0 || query.parameters.lastIndexOf(markers[i]) !== p)) {
        throw new Error(`compiledOnce: every argument must appear exactly once as a parameter in ${query.sql}`);
      }
      compiled = { query, positions };
      byAdapter.set(adapter, compiled);
    }
    const parameters = [...compiled.query.parameters];
    compiled.positions.forEach((p, i) => (parameters[p] = args[i]));
    const result = await db.executeQuery<R>({ ...compiled.query, parameters } as CompiledQuery<R>);
    return result.rows;
  };
}
