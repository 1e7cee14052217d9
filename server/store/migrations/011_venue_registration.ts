// Venues as their managers register them: the area (a township or street code), address, type,
// the manager (one venue per manager, one manager per venue), a contact phone, the venue's fixed
// declaration code that inspectors bind with, and when it was last edited (once per week).

import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/** The same alphabet and length as server/registration/codes.ts (a migration never imports a feature). */
function declarationCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `HGV1:${Array.from(randomBytes(16), (b) => alphabet[b % 32]).join('')}`;
}

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  const add = (column: string, type: 'text' | 'bigint', notNullDefault?: string) =>
    db.schema
      .alterTable('venues')
      .addColumn(column, type, (c) => (notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault)))
      .execute();
  await add('area_code', 'text');
  await add('address', 'text', '');
  await add('venue_type', 'text', 'other');
  await add('contact_phone', 'text');
  await add('declaration_code', 'text');
  await add('edited_at', 'bigint');
  // Venues made before this migration get their code now.
  const existing = await sql<{ id: string }>`select id from venues`.execute(db);
  for (const { id } of existing.rows) await sql`update venues set declaration_code = ${declarationCode()} where id = ${id}`.execute(db);
  // manager_user_id came with migration 009 (venue statistics); a manager manages one venue, so
  // its index becomes unique.
  await db.schema.dropIndex('venues_manager').execute();
  await db.schema.createIndex('venues_manager_unique').unique().on('venues').column('manager_user_id').execute();
  await db.schema.createIndex('venues_declaration_code').unique().on('venues').column('declaration_code').execute();
  await db.schema.createIndex('inspector_venues_venue').on('inspector_venues').column('venue_id').execute();
}
