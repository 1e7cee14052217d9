// Residents bind their own account to their identity (issue 7 §2): a person is at most one holder
// account's own. The index makes that hold under races too (two phones binding one document at
// once), on both engines; staff accounts and accounts without a person are not in it.

import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createIndex('users_holder_person')
    .on('users')
    .column('person_id')
    .unique()
    .where(sql.ref('role'), '=', 'holder')
    .execute();
}
