// The prepared-statement cache under Kysely: the same SQL gets the same statement, a statement
// that is still iterating is never handed out twice, and the oldest statements go first.

import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cachingStatements } from './statement-cache.js';

function memory() {
  const raw = new Database(':memory:');
  raw.exec('CREATE TABLE t (n INTEGER)');
  raw.prepare('INSERT INTO t SELECT value FROM json_each(?)').run(JSON.stringify([...Array(10).keys()]));
  return raw;
}

describe('cachingStatements', () => {
  it('hands out the same statement for the same SQL, and a fresh one while it is busy', () => {
    const db = cachingStatements(memory());
    const a = db.prepare('SELECT n FROM t');
    expect(db.prepare('SELECT n FROM t')).toBe(a);
    const rows = a.iterate();
    rows.next();
    const b = db.prepare('SELECT n FROM t');
    expect(b).not.toBe(a);
    expect(b.all()).toHaveLength(10);
    rows.return?.();
    expect(db.prepare('SELECT n FROM t')).toBe(a);
  });

  it('keeps at most the given number, dropping the least recently used', () => {
    const db = cachingStatements(memory(), 2);
    const one = db.prepare('SELECT 1');
    const two = db.prepare('SELECT 2');
    expect(db.prepare('SELECT 1')).toBe(one);
    db.prepare('SELECT 3');
    expect(db.prepare('SELECT 1')).toBe(one);
    expect(db.prepare('SELECT 2')).not.toBe(two);
  });

  it('streams and queries the same SQL at once through Kysely', async () => {
    const k = new Kysely<{ t: { n: number } }>({ dialect: new SqliteDialect({ database: cachingStatements(memory()) }) });
    const seen: number[] = [];
    for await (const row of k.selectFrom('t').select('n').orderBy('n').stream()) {
      seen.push(row.n);
      if (row.n === 3) break;
    }
    const all = await k.selectFrom('t').select('n').orderBy('n').execute();
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(all.map((r) => r.n)).toEqual([...Array(10).keys()]);
    expect((await sql<{ c: number }>`SELECT count(*) AS c FROM t`.execute(k)).rows[0]!.c).toBe(10);
    await k.destroy();
  });
});
