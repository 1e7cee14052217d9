// Store: sessions, SMS-code challenges and rate-limit events.

import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export class AuthRepo {
  constructor(protected readonly db: Kysely<Database>) {}
}
