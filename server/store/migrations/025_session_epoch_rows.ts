// The session epoch (migration 024) moved on every statement that touched sessions or users, even
// one that changed no row: a refused request (an unknown session id to end) then changed a row,
// which it must not (server/fuzz.test.ts), and every process re-read its held sessions for nothing.
// Now it moves only when a row did change: deletes through a statement trigger that looks at the
// deleted rows, updates through a row trigger whose WHEN names the columns that matter (never the
// last-seen touch alone).

import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const [trigger, table] of [['sessions_ended', 'sessions'], ['sessions_changed', 'sessions'], ['accounts_changed', 'users']] as const) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(trigger)} ON ${sql.id(table)}`.execute(db);
  }
  await sql`CREATE FUNCTION session_epoch_move_if_any() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM gone) THEN
        UPDATE session_epoch SET epoch = epoch + 1 WHERE id = 1;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER sessions_ended AFTER DELETE ON sessions REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION session_epoch_move_if_any()`.execute(db);
  await sql`CREATE TRIGGER accounts_deleted AFTER DELETE ON users REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION session_epoch_move_if_any()`.execute(db);
  // Row triggers (a statement trigger with a column list cannot see its rows): these updates are rare.
  await sql`CREATE TRIGGER sessions_changed AFTER UPDATE ON sessions FOR EACH ROW
    WHEN (OLD.token_hash IS DISTINCT FROM NEW.token_hash OR OLD.user_id IS DISTINCT FROM NEW.user_id
      OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.remember IS DISTINCT FROM NEW.remember
      OR OLD.id IS DISTINCT FROM NEW.id OR OLD.reverified_at IS DISTINCT FROM NEW.reverified_at)
    EXECUTE FUNCTION session_epoch_move()`.execute(db);
  await sql`CREATE TRIGGER accounts_changed AFTER UPDATE ON users FOR EACH ROW
    WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION session_epoch_move()`.execute(db);
}
