// Store: the append-only, hash-chained audit log. There is no update or delete here on purpose.
// Every append takes the chain's head under a lock (the head row in settings), links the new row
// to it and moves the head, in one transaction: concurrent writers, in one process or several,
// line up, and a rolled-back change takes its entry with it.

import { sql, type Kysely, type Selectable } from 'kysely';
import { chainEntry, ChainVerifier, type ChainedAuditEntry, type ChainHead, type ChainReport, type Json } from './audit-chain.js';
import { AUDIT_HEAD_SETTING } from './migrations/014_audit_chain.js';
import type { AuditLogTable, Database } from './schema.js';

export type AuditRow = Selectable<AuditLogTable>;

/** A row as written: server/audit/log.ts makes these from typed actors, actions and targets. */
export interface AuditRowInput {
  at: number;
  actor: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

const EMPTY_HEAD = '0:';

function parseHead(value: string | undefined): ChainHead | null {
  if (!value || value === EMPTY_HEAD) return null;
  const [seq, hash] = value.split(':');
  return { seq: Number(seq), hash: hash ?? '' };
}

export class AuditRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async append(e: AuditRowInput): Promise<ChainedAuditEntry> {
    return this.db.isTransaction ? this.appendIn(this.db, e) : this.db.transaction().execute((tx) => this.appendIn(tx, e));
  }

  private async appendIn(db: Kysely<Database>, e: AuditRowInput): Promise<ChainedAuditEntry> {
    // A no-op upsert of the head row first: it takes the row lock on PostgreSQL and the write lock
    // on SQLite before the head is read, so two writers can never chain to the same head.
    await db
      .insertInto('settings')
      .values({ key: AUDIT_HEAD_SETTING, value: EMPTY_HEAD })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql<string>`settings.value` }))
      .execute();
    const current = await db.selectFrom('settings').select('value').where('key', '=', AUDIT_HEAD_SETTING).executeTakeFirst();
    // What is hashed is what a JSON round trip gives back, so the stored row verifies as written.
    const detail = JSON.parse(JSON.stringify(e.detail)) as { [k: string]: Json };
    const entry = chainEntry(parseHead(current?.value), { at: e.at, actor: e.actor, action: e.action, target: e.target, detail });
    await db
      .insertInto('audit_log')
      .values({ at: e.at, actor: e.actor, action: e.action, target: e.target, detail: JSON.stringify(detail), seq: entry.seq, prev_hash: entry.prevHash, hash: entry.hash })
      .execute();
    await db.updateTable('settings').set({ value: `${entry.seq}:${entry.hash}` }).where('key', '=', AUDIT_HEAD_SETTING).execute();
    return entry;
  }

  /** Newest first. */
  async recent(limit = 100): Promise<AuditRow[]> {
    return this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
  }

  /** The newest entries about one target, of one action. */
  async forTarget(target: string, action: string, limit: number): Promise<AuditRow[]> {
    return this.db.selectFrom('audit_log').selectAll().where('target', '=', target).where('action', '=', action).orderBy('id', 'desc').limit(limit).execute();
  }

  /** The head recorded beside the rows: without it a cut-off tail would go unnoticed. */
  async head(): Promise<ChainHead | null> {
    return parseHead(await this.db.selectFrom('settings').select('value').where('key', '=', AUDIT_HEAD_SETTING).executeTakeFirst().then((r) => r?.value));
  }

  /**
   * Checks the whole chain in storage order (by row id, never by seq: reading in seq order would
   * hide a reordering), a page at a time, and names the first broken link.
   */
  async verify(pageSize = 1000): Promise<ChainReport> {
    const verifier = new ChainVerifier();
    let afterId = -1;
    for (;;) {
      const rows = await this.db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(pageSize).execute();
      if (rows.length === 0) break;
      afterId = Number(rows.at(-1)!.id);
      if (verifier.push(rows.map(toEntry))) break;
    }
    return verifier.finish((await this.head()) ?? undefined);
  }
}

function toEntry(r: AuditRow): ChainedAuditEntry {
  let detail: { [k: string]: Json };
  try {
    detail = JSON.parse(r.detail) as { [k: string]: Json };
  } catch {
    detail = { unreadable: r.detail };
  }
  // A NULL seq or hash (a row slipped in by hand) reads as NaN / '' and is reported as tampered.
  return { seq: r.seq === null ? Number.NaN : Number(r.seq), at: Number(r.at), actor: r.actor, action: r.action, target: r.target, detail, prevHash: r.prev_hash ?? '', hash: r.hash ?? '' };
}
