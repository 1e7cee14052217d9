// Holder phones' device keys: the public half of the key each phone made for itself, so the server
// can bind it into the codes it gives that phone (the cnf claim of a live code). Kept per account.

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('device_keys')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    /** base64url of the first 8 bytes of SHA-256 over the compressed point: what the phone asks with. */
    .addColumn('key_id', 'text', (c) => c.notNull())
    /** The compressed P-256 point (33 bytes), base64url: exactly what goes into a code's cnf. */
    .addColumn('cnf', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_keys_pk', ['user_id', 'key_id'])
    .execute();
}
