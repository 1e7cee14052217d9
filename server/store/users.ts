// Store: staff and holder accounts, venues, and which inspectors are bound to which venue.

import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export class UsersRepo {
  constructor(protected readonly db: Kysely<Database>) {}
}
