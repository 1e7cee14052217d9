// Sessions a person can see and end: each gets a public id (the token hash never leaves the
// server) and the time it was last used. Sessions opened before this migration get an id too.

import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('id', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'bigint').execute();
  const open = await sql<{ token_hash: string }>`SELECT token_hash FROM sessions`.execute(db);
  for (const { token_hash } of open.rows) {
    await sql`UPDATE sessions SET id = ${randomBytes(16).toString('base64url')} WHERE token_hash = ${token_hash}`.execute(db);
  }
  await sql`UPDATE sessions SET last_seen_at = created_at`.execute(db);
  await db.schema.createIndex('sessions_id').unique().on('sessions').column('id').execute();
}
