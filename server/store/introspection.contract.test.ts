// PostgreSQL: migrating one schema while other schemas are created and dropped (parallel test
// runs, or other tenants of one database) must not fail. Kysely's own introspector looks up every
// schema of the database by name, and a schema dropped meanwhile made the migration fail with
// "schema … does not exist"; connect() introspects only its own schema.

import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.js';

const PG_URL = process.env.TEST_DATABASE_URL;

describe.runIf(PG_URL)('migrating one PostgreSQL schema while others come and go', () => {
  it('never trips over a schema dropped meanwhile', { timeout: 120_000 }, async () => {
    const tag = `churn_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    let stop = false;
    const churn = async (worker: number) => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        for (let i = 0; !stop; i++) {
          const s = `${tag}_${worker}_${i}`;
          await client.query(`CREATE SCHEMA ${s}; CREATE TABLE ${s}.a (id serial primary key, b text); CREATE TABLE ${s}.c (d int)`);
          await client.query(`DROP SCHEMA ${s} CASCADE`);
        }
      } finally {
        await client.end();
      }
    };
    const churners = [churn(0), churn(1), churn(2)];
    const failures: string[] = [];
    try {
      for (let i = 0; i < 6; i++) {
        const schema = `${tag}_m${i}`;
        try {
          const { db } = await connect({ url: PG_URL!, schema });
          await db.destroy();
        } catch (e) {
          failures.push(String(e));
        }
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    } finally {
      stop = true;
      await Promise.all(churners);
    }
    expect(failures).toEqual([]);
  });
});
