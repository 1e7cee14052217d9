// PostgreSQL: may a process trust the sessions it has already read? While the session epoch
// (migrations 024–025: moved by triggers whenever a session is ended or changed, or an account
// changed or deleted, by any process) still says what it said before the read. The epoch is read
// once per turn of the event loop, shared by every request of that turn. Node's HTTP server starts a
// request when it reads its bytes, in the poll phase, and the shared read is dropped at the end of
// that turn: a request whose bytes arrived after another process's sign-out committed is read in a
// later poll, so it makes a new read, sent after the commit. (A read first asked for outside the poll
// phase would be shared one turn longer; every caller is a request's session check.) One small read
// per turn, instead of the session and account rows on every request.

import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export function sessionEpoch(db: Kysely<Database>): () => Promise<string> {
  let thisTurn: Promise<string> | undefined;
  return () => {
    if (!thisTurn) {
      thisTurn = db
        .selectFrom('session_epoch')
        .select('epoch')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow()
        .then((row) => String(row.epoch));
      // A failed read is not kept either: the next turn asks again.
      setImmediate(() => (thisTurn = undefined));
    }
    return thisTurn;
  };
}
