// Sunflower check-ins (葵花码): a visitor's own record of entering a venue with a normal temperature,
// under the visitor's identity, with the inspector named by their tag. Append-only like checkpoints.

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('checkins')
    /** UUIDv7 made on the visitor's phone: a re-sent check-in is the same row. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    /** The visitor's code subject (as checkpoint records keep it): who, without a name. */
    .addColumn('sub', 'text', (c) => c.notNull())
    .addColumn('venue_id', 'text', (c) => c.notNull())
    .addColumn('inspector_tag', 'text', (c) => c.notNull())
    /** The venue's local day, from the code (checked against captured_at in the venue zone). */
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('captured_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    /** The signing key the check-in code was verified with. */
    .addColumn('code_kid', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checkins_venue_day').on('checkins').columns(['venue_id', 'day']).execute();
}
