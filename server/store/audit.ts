// Store: the append-only audit log. There is no update or delete here on purpose.

import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, Database } from './schema.js';

export type AuditRow = Selectable<AuditLogTable>;

export interface AuditEntry {
  at: number;
  /** Who did it: a user id, or "cli" for the command line. */
  actor: string;
  action: string;
  /** Machine-readable detail (JSON), never a phone number or a name. */
  detail: Record<string, unknown>;
}

export class AuditRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async append(e: AuditEntry): Promise<void> {
    await this.db.insertInto('audit_log').values({ at: e.at, actor: e.actor, action: e.action, detail: JSON.stringify(e.detail) }).execute();
  }

  /** Newest first. */
  async recent(limit = 100): Promise<AuditRow[]> {
    return this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
  }
}
