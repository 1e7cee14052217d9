// compiledOnce: compiled once per dialect, each call's own values, a query that does not use an
// argument as a parameter refused at its first call.

import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { compiledOnce } from './compiled.js';
import type { Database as Schema } from './schema.js';

function memory(): Kysely<Schema> {
  const raw = new Database(':memory:');
  raw.exec("CREATE TABLE people (id TEXT PRIMARY KEY, status TEXT); INSERT INTO people VALUES ('a', 'green'), ('b', 'red')");
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
}

describe('compiledOnce', () => {
  it('answers each call with its own values, in and out of a transaction, on two databases', async () => {
    const byStatus = compiledOnce((db: Kysely<Schema>, status: 'green' | 'red', id: string) =>
      db.selectFrom('people').select('id').where('status', '=', status).where('id', '<>', id),
    );
    const one = memory();
    const two = memory();
    expect(await byStatus(one, 'green', 'x')).toEqual([{ id: 'a' }]);
    expect(await byStatus(one, 'red', 'x')).toEqual([{ id: 'b' }]);
    expect(await byStatus(one, 'red', 'b')).toEqual([]);
    expect(await one.transaction().execute((tx) => byStatus(tx, 'green', 'b'))).toEqual([{ id: 'a' }]);
    await sql`DELETE FROM people WHERE id = 'a'`.execute(two);
    expect(await byStatus(two, 'green', 'x')).toEqual([]);
    await Promise.all([one.destroy(), two.destroy()]);
  });

  it('refuses a query that does not take an argument as a parameter', async () => {
    const fixed = compiledOnce((db: Kysely<Schema>, _id: string) => db.selectFrom('people').select('id').where('id', '=', 'a'));
    const db = memory();
    await expect(fixed(db, 'a')).rejects.toThrow(/every argument must appear exactly once/);
    await db.destroy();
  });
});
