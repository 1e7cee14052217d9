// PostgreSQL deployments run several server processes, and an ended session must fail on its very
// next request on every one of them. Instead of reading the session on every request, a process
// reads one number — the epoch below, moved by the database itself whenever a session is ended or
// changed, or an account is changed or deleted — once per turn of its event loop, and trusts the
// sessions it holds while the epoch stands (store/session-epoch.ts). Statement-level triggers: a
// sweep that deletes a thousand expired sessions moves it once; the five-minutely last-seen touch
// does not move it. SQLite (one process) has its own way (store/session-writes.ts): nothing here.

import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`CREATE TABLE session_epoch (id integer PRIMARY KEY CHECK (id = 1), epoch bigint NOT NULL)`.execute(db);
  await sql`INSERT INTO session_epoch (id, epoch) VALUES (1, 0)`.execute(db);
  await sql`CREATE FUNCTION session_epoch_move() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE session_epoch SET epoch = epoch + 1 WHERE id = 1;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER sessions_ended AFTER DELETE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION session_epoch_move()`.execute(db);
  await sql`CREATE TRIGGER sessions_changed AFTER UPDATE OF token_hash, user_id, expires_at, remember, id, reverified_at ON sessions FOR EACH STATEMENT EXECUTE FUNCTION session_epoch_move()`.execute(db);
  await sql`CREATE TRIGGER accounts_changed AFTER UPDATE OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION session_epoch_move()`.execute(db);
}
