// Store: the development SMS outbox (the dev sender writes here; /api/dev/sms reads it).

import type { Kysely, Selectable } from 'kysely';
import type { Database, DevSmsTable } from './schema.js';

export type DevSmsRow = Selectable<DevSmsTable>;

export class DevSmsRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  async add(phone: string, body: string, at: number): Promise<void> {
    await this.db.insertInto('dev_sms').values({ phone, body, created_at: at }).execute();
  }

  /** Newest first; every phone when `phone` is undefined. */
  async recent(phone: string | undefined, limit: number): Promise<DevSmsRow[]> {
    let q = this.db.selectFrom('dev_sms').selectAll();
    if (phone !== undefined) q = q.where('phone', '=', phone);
    return q.orderBy('id', 'desc').limit(limit).execute();
  }
}
