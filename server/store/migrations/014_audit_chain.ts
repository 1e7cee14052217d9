// The audit log becomes a hash chain: each row gets its place (seq, 1, 2, 3 … with no gaps), the
// hash of the row before and its own hash (server/store/audit-chain.ts). Rows written before this
// migration are chained here, in the order they were written, so the whole log verifies.

import { sql, type Kysely } from 'kysely';
import { chainEntry, type ChainHead, type Json } from '../audit-chain.js';
import type { Dialect } from '../dialect.js';

export const AUDIT_HEAD_SETTING = 'audit_head';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('seq', 'bigint').execute();
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
  const rows = await sql<{ id: number; at: number; actor: string; action: string; target: string; detail: string }>`
    select id, at, actor, action, target, detail from audit_log order by id`.execute(db);
  let head: ChainHead | null = null;
  for (const r of rows.rows) {
    const e = chainEntry(head, { at: Number(r.at), actor: r.actor, action: r.action, target: r.target, detail: JSON.parse(r.detail) as { [k: string]: Json } });
    await sql`update audit_log set seq = ${e.seq}, prev_hash = ${e.prevHash}, hash = ${e.hash} where id = ${r.id}`.execute(db);
    head = { seq: e.seq, hash: e.hash };
  }
  await db.schema.createIndex('audit_log_seq').unique().on('audit_log').column('seq').execute();
  if (head) await sql`insert into settings (key, value) values (${AUDIT_HEAD_SETTING}, ${`${head.seq}:${head.hash}`})`.execute(db);
}
