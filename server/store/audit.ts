// Store: the append-only audit log.

import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export class AuditRepo {
  constructor(protected readonly db: Kysely<Database>) {}
}
