// Store: sessions, SMS-code challenges and rate-limit events. All of it lives in the database so
// that several server processes behind a load balancer count and check as one.

import { sql, type Kysely, type Selectable } from 'kysely';
import { compiledOnce } from './compiled.js';
import type { Database, OtpChallengesTable, SessionsTable, UsersTable } from './schema.js';

export type SessionRow = Selectable<SessionsTable>;
export type OtpChallengeRow = Selectable<OtpChallengesTable>;

/** Every request's session: compiled once (store/compiled.ts). */
const sessionUserQuery = compiledOnce((db: Kysely<Database>, tokenHash: string, now: number) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.token_hash',
      'sessions.user_id',
      'sessions.created_at as s_created_at',
      'sessions.expires_at',
      'sessions.remember',
      'sessions.user_agent',
      'sessions.id as s_id',
      'sessions.last_seen_at',
      'sessions.reverified_at',
      'users.id',
      'users.phone',
      'users.role',
      'users.person_id',
      'users.created_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now),
);

export class AuthRepo {
  constructor(protected readonly db: Kysely<Database>) {}

  // --- sessions ---

  async createSession(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  /** The live session with this token hash and its user; expired sessions are not returned. */
  async sessionUser(tokenHash: string, now: number): Promise<{ session: SessionRow; user: Selectable<UsersTable> } | undefined> {
    const [row] = await sessionUserQuery(this.db, tokenHash, now);
    if (!row) return undefined;
    return {
      session: {
        token_hash: row.token_hash,
        user_id: row.user_id,
        created_at: row.s_created_at,
        expires_at: row.expires_at,
        remember: row.remember,
        user_agent: row.user_agent,
        id: row.s_id,
        last_seen_at: row.last_seen_at,
        reverified_at: row.reverified_at,
      },
      user: { id: row.id, phone: row.phone, role: row.role, person_id: row.person_id, created_at: row.created_at },
    };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async sessionsOfUser(userId: string): Promise<SessionRow[]> {
    return this.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  }

  /** The account's sessions still open at `now`, most recently used first. */
  async liveSessionsOfUser(userId: string, now: number): Promise<SessionRow[]> {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('expires_at', '>', now)
      .orderBy('last_seen_at', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Notes that the session proved its phone again just now (a fresh SMS code). */
  async markReverified(id: string, at: number): Promise<void> {
    await this.db.updateTable('sessions').set({ reverified_at: at }).where('id', '=', id).execute();
  }

  async getSession(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async touchSession(id: string, at: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).where('last_seen_at', '<', at).execute();
  }

  /** Ends one of the account's sessions; false when it has no such session. */
  async deleteSessionOfUser(userId: string, id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Ends every session of the account except `keepId` (none kept when undefined); how many ended. */
  async deleteSessionsOfUser(userId: string, keepId?: string): Promise<number> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepId !== undefined) q = q.where('id', '!=', keepId);
    const r = await q.executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Stops remembering a session: it ends no later than `until`. False when it has no such session. */
  async forgetSession(userId: string, id: string, until: number): Promise<boolean> {
    const r = await this.db
      .updateTable('sessions')
      .set({ remember: 0, expires_at: sql<number>`CASE WHEN expires_at > ${until} THEN ${until} ELSE expires_at END` })
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  // --- SMS-code challenges ---

  /** Stores a new challenge and voids every earlier open one for the phone: only the newest code works. */
  async createChallenge(row: OtpChallengeRow): Promise<void> {
    await this.db
      .updateTable('otp_challenges')
      .set({ expires_at: row.created_at })
      .where('phone', '=', row.phone)
      .where('used_at', 'is', null)
      .where('expires_at', '>', row.created_at)
      .execute();
    await this.db.insertInto('otp_challenges').values(row).execute();
  }

  async latestChallenge(phone: string): Promise<OtpChallengeRow | undefined> {
    return this.db
      .selectFrom('otp_challenges')
      .selectAll()
      .where('phone', '=', phone)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /**
   * Counts one try against an open challenge, before any comparison, in a single statement:
   * however many tries arrive at once, at most `maxAttempts` of them get the row back to compare.
   */
  async spendAttempt(id: string, maxAttempts: number): Promise<OtpChallengeRow | undefined> {
    return this.db
      .updateTable('otp_challenges')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('attempts', '<', maxAttempts)
      .where('used_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  }

  /** Marks the challenge used; false when another request spent it first. */
  async useChallenge(id: string, now: number): Promise<boolean> {
    const row = await this.db
      .updateTable('otp_challenges')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async deleteChallengesBefore(at: number): Promise<void> {
    await this.db.deleteFrom('otp_challenges').where('created_at', '<', at).execute();
  }

  // --- rate-limit events ---

  async addRateEvent(key: string, at: number): Promise<number> {
    const row = await this.db.insertInto('rate_events').values({ key, at }).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async countRateEvents(key: string, since: number): Promise<number> {
    const row = await this.db
      .selectFrom('rate_events')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('key', '=', key)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Times of the events after `since`, oldest first, leaving one event out (the caller's own). */
  async rateEventTimes(key: string, since: number, exceptId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('rate_events')
      .select('at')
      .where('key', '=', key)
      .where('at', '>', since)
      .where('id', '!=', exceptId)
      .orderBy('at')
      .execute();
    return rows.map((r) => r.at);
  }

  async deleteRateEvents(ids: number[]): Promise<void> {
    if (ids.length > 0) await this.db.deleteFrom('rate_events').where('id', 'in', ids).execute();
  }

  /** Forgets every event under these keys (a success resets a failure count). */
  async deleteRateKeys(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.db.deleteFrom('rate_events').where('key', 'in', keys).execute();
  }

  async deleteRateEventsBefore(at: number): Promise<void> {
    await this.db.deleteFrom('rate_events').where('at', '<', at).execute();
  }
}
