// The devices signed in to an account, as their owner controls them: list, end one, end all
// others, stop remembering one. Every change is in the database, which every request reads
// (SessionService.authenticate), so it holds on every server process at the next request.

import type { DeviceSession } from '../../shared/api/account.js';
import { NotFoundError } from '../../shared/errors.js';
import type { UserActor } from '../auth/actor.js';
import { SESSION_RULES } from '../auth/sessions.js';
import type { Store } from '../store/store.js';
import { deviceLabel } from './user-agent.js';

export class DeviceSessionService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  async list(actor: UserActor): Promise<DeviceSession[]> {
    const rows = await this.store.auth.liveSessionsOfUser(actor.id, this.now());
    const sessions = rows.map((r) => ({
      id: r.id,
      ...deviceLabel(r.user_agent),
      firstSeenAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
      remembered: r.remember === 1,
      current: r.id === actor.sessionId,
    }));
    // This device first, then the most recently used.
    return [...sessions.filter((s) => s.current), ...sessions.filter((s) => !s.current)];
  }

  /** Ends one of the caller's sessions; whether it was the caller's own (the cookie goes too). */
  async end(actor: UserActor, id: string): Promise<{ current: boolean }> {
    if (!(await this.store.auth.deleteSessionOfUser(actor.id, id))) throw new NotFoundError('No such session.');
    return { current: id === actor.sessionId };
  }

  async endOthers(actor: UserActor): Promise<number> {
    // Without a session id (never from a cookie) nothing is kept: better ending too many than too few.
    return this.store.auth.deleteSessionsOfUser(actor.id, actor.sessionId);
  }

  /** Turns the 30-day remembering off: the session then ends within the un-remembered lifetime. */
  async forget(actor: UserActor, id: string): Promise<{ current: boolean }> {
    if (!(await this.store.auth.forgetSession(actor.id, id, this.now() + SESSION_RULES.defaultMs))) throw new NotFoundError('No such session.');
    return { current: id === actor.sessionId };
  }
}
