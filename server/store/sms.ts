// Store: the embedded SMS outbox (the default sender writes here; the dev outbox reads it).

import type { Kysely, Selectable } from 'kysely';
import type { Database, SmsOutboxTable } from './schema.js';

export type SmsOutboxRow = Selectable<SmsOutboxTable>;

export class SmsOutboxRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async add(phone: string, body: string, at: number): Promise<void> {
    await this.db.insertInto('sms_outbox').values({ phone, body, created_at: at }).execute();
  }

  /** Newest first; every phone when `phone` is undefined. */
  async recent(phone: string | undefined, limit: number): Promise<SmsOutboxRow[]> {
    let q = this.db.selectFrom('sms_outbox').selectAll();
    if (phone !== undefined) q = q.where('phone', '=', phone);
    return q.orderBy('id', 'desc').limit(limit).execute();
  }
}
