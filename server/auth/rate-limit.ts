// Sliding-window rate limits counted in the database, so every server process shares them.
// Each call records its event first and counts afterwards: however many requests race, at most
// `limit` of them see a count within the limit. A refused request takes its event back, so
// refusals do not push the window further out.

import { RateLimitedError } from '../../shared/errors.js';
import type { Store } from '../store/store.js';

export interface RateRule {
  key: string;
  windowMs: number;
  limit: number;
  /** The error a refusal raises; it gets retryAfterSec. */
  code: 'rate_limited' | 'otp_resend_too_soon';
  message: string;
}

const DAY = 86_400_000;
const PRUNE_EVERY = 200;

export class RateLimiter {
  private calls = 0;

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one event under every rule, or none and throws for the first rule over its limit. */
  async take(rules: RateRule[]): Promise<void> {
    const at = this.now();
    const ids = new Map<string, number>();
    for (const r of rules) if (!ids.has(r.key)) ids.set(r.key, await this.store.auth.addRateEvent(r.key, at));
    for (const r of rules) {
      const since = at - r.windowMs;
      const count = await this.store.auth.countRateEvents(r.key, since);
      if (count <= r.limit) continue;
      const own = ids.get(r.key)!;
      const others = await this.store.auth.rateEventTimes(r.key, since, own);
      await this.store.auth.deleteRateEvents([...ids.values()]);
      // Room opens when enough of the others leave the window for this one to fit.
      const freeing = others[Math.max(0, others.length - r.limit)] ?? at;
      const retryAfterSec = Math.max(1, Math.ceil((freeing + r.windowMs - at) / 1000));
      throw new RateLimitedError(r.code, r.message, retryAfterSec);
    }
    if (++this.calls % PRUNE_EVERY === 0) await this.store.auth.deleteRateEventsBefore(at - DAY);
  }
}
