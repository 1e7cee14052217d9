// Store: red-list entries and the change log that deltas are cut from.

import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export class RedListRepo {
  constructor(protected readonly db: Kysely<Database>) {}
}
