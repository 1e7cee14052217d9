// Store: the embedded SMS outbox (the default sender writes here).

import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export class SmsOutboxRepo {
  constructor(protected readonly db: Kysely<Database>) {}
}
