// Sessions after an SMS sign-in: a 256-bit random token in the cookie, only its SHA-256 in the
// database, so a leaked database cannot be replayed as cookies. Holders may be remembered for 30
// days; staff roles, whose sessions can see more, always get 12 hours.

import { createHash, randomBytes } from 'node:crypto';
import type { Me } from '../../shared/api/auth.js';
import { OtpInvalidError } from '../../shared/errors.js';
import { maskName } from '../../shared/names.js';
import { STAFF_ROLES, type Role } from '../../shared/roles.js';
import type { UserRow } from '../store/accounts.js';
import type { Store } from '../store/store.js';
import { userActor, type UserActor } from './actor.js';

const HOUR = 3_600_000;
export const SESSION_RULES = {
  holderRememberMs: 30 * 24 * HOUR,
  defaultMs: 12 * HOUR,
  staffMs: 12 * HOUR,
  /** last_seen_at is written at most this often: a read per request, a write now and then. */
  touchEveryMs: 5 * 60_000,
} as const;

/** When one phone holds several accounts, sign in to the one that can do most. */
const ROLE_PRECEDENCE: Role[] = ['admin', 'org-admin', 'manager', 'inspector', 'holder'];

export interface SignIn {
  token: string;
  user: UserActor;
  expiresAt: number;
  /** Set when the cookie should outlive the browser session: its lifetime in seconds. */
  cookieMaxAgeSec: number | undefined;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Sessions a SQLite process keeps in memory at most; the oldest go first. */
const MAX_HELD_SESSIONS = 100_000;

interface HeldSession {
  actor: UserActor;
  /** The store's sessions version when the row was read: taken before the read. */
  version: string;
  expiresAt: number;
  lastSeenAt: number;
}

export class SessionService {
  private signIns = 0;
  private readonly held = new Map<string, HeldSession>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Opens a session for the phone's account, after its SMS code was accepted: the account of role
   * `as` when the phone has one (a resident's sign-up asks for the holder's), else the one that can do most.
   */
  async signIn(phone: string, remember: boolean, userAgent: string, as?: Role): Promise<SignIn> {
    const accounts = await this.store.accounts.usersByPhone(phone);
    const user = [...(as ? [as] : []), ...ROLE_PRECEDENCE].map((r) => accounts.find((a) => a.role === r)).find((a): a is UserRow => a !== undefined);
    // Unreachable in practice (unknown numbers are never texted a code), but never a session without an account.
    if (!user) throw new OtpInvalidError();
    const staff = STAFF_ROLES.includes(user.role);
    const lifetime = staff ? SESSION_RULES.staffMs : remember ? SESSION_RULES.holderRememberMs : SESSION_RULES.defaultMs;
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    // Expired sessions are dead already (authenticate ignores them); sweep them now and then.
    if (++this.signIns % 100 === 0) await this.store.auth.deleteExpiredSessions(now);
    await this.store.auth.createSession({
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: now,
      expires_at: now + lifetime,
      remember: remember && !staff ? 1 : 0,
      user_agent: userAgent.slice(0, 200),
      id: randomBytes(16).toString('base64url'),
      last_seen_at: now,
      reverified_at: null,
    });
    return { token, user: toActor(user), expiresAt: now + lifetime, cookieMaxAgeSec: remember ? lifetime / 1000 : undefined };
  }

  /**
   * The actor of a session this process already holds and may still trust, without a promise or a
   * hash: the request path at rush hour on SQLite (see authenticate). Undefined: ask authenticate.
   */
  heldActor(token: string | undefined): UserActor | undefined {
    if (!token) return undefined;
    const held = this.held.get(token);
    if (!held) return undefined;
    const now = this.now();
    return held.version === this.store.sessionsVersion?.() && now < held.expiresAt && now - held.lastSeenAt < SESSION_RULES.touchEveryMs ? held.actor : undefined;
  }

  async authenticate(token: string | undefined): Promise<UserActor | undefined> {
    if (!token || token.length > 100) return undefined;
    // A session ended through any process fails on the very next request. A session read before is
    // trusted while nothing that could end or change one was written since, until it expires or its
    // last-seen is due: on SQLite (one process) as seen from this connection and by another one's
    // writes to the file (store/session-writes.ts); on PostgreSQL (several processes) by the session
    // epoch the database moves, read once per event-loop turn (store/session-epoch.ts). Held sessions
    // are keyed by the token itself, which the process has in hand anyway: a hit costs no hash; the
    // database only ever sees the hash.
    const local = this.heldActor(token);
    if (local) return local;
    const now = this.now();
    const version = this.store.sessionsVersion?.() ?? (await this.store.sessionsEpoch?.());
    const held = version === undefined ? undefined : this.held.get(token);
    if (held && held.version === version && now < held.expiresAt && now - held.lastSeenAt < SESSION_RULES.touchEveryMs) return held.actor;
    const found = await this.store.auth.sessionUser(hashToken(token), now);
    if (!found) return undefined;
    let lastSeenAt = found.session.last_seen_at;
    if (now - lastSeenAt >= SESSION_RULES.touchEveryMs) {
      await this.store.auth.touchSession(found.session.id, now);
      lastSeenAt = now;
    }
    const actor = toActor(found.user, found.session.id);
    if (version !== undefined) {
      this.held.delete(token);
      this.held.set(token, { actor, version, expiresAt: found.session.expires_at, lastSeenAt });
      if (this.held.size > MAX_HELD_SESSIONS) this.held.delete(this.held.keys().next().value!);
    }
    return actor;
  }

  async signOut(token: string | undefined): Promise<void> {
    if (token) await this.store.auth.deleteSession(hashToken(token));
  }

  /** The signed-in account as its owner sees it: the masked name only for their own person. */
  async me(user: UserActor): Promise<Me> {
    const person = user.personId && user.role === 'holder' ? await this.store.people.getPerson(user.personId) : undefined;
    return { id: user.id, role: user.role, maskedName: person ? maskName(person.name) : null };
  }
}

function toActor(u: UserRow, sessionId?: string): UserActor {
  const actor = userActor(u.id, u.role, u.person_id);
  return sessionId === undefined ? actor : { ...actor, sessionId };
}
