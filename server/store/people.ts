// Store: people (holders and dependants) and their red/green status.

import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export class PeopleRepo {
  constructor(protected readonly db: Kysely<Database>) {}
}
