// Store: the append-only audit log. There is no update or delete here on purpose.

import type { Kysely, Selectable } from 'kysely';
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

export class AuditRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async append(e: AuditRowInput): Promise<void> {
    await this.db.insertInto('audit_log').values({ at: e.at, actor: e.actor, action: e.action, target: e.target, detail: JSON.stringify(e.detail) }).execute();
  }

  /** Newest first. */
  async recent(limit = 100): Promise<AuditRow[]> {
    return this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
  }
}
