// Store: checkpoint records, devices and daily counts.

import type { Kysely } from 'kysely';
import type { Dialect } from './connect.js';
import type { Database } from './schema.js';

export class RecordsRepo {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: Dialect,
  ) {}
}
