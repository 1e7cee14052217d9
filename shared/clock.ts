// Clocks at both ends of a live code. The gate anchors "now" to the signing time of the lists it
// last synced, so a phone set back in time cannot bring expired codes (or old screenshots) back;
// the holder's phone learns how far its own clock is off, so its proofs are not judged replays.

/** A live proof this close to the gate's clock, either way, is live (verifyCode's default). */
export const DEFAULT_LIVE_TOLERANCE_MS = 2 * 60_000;

export interface GateClock {
  /** The time to verify codes at: never earlier than the lists' signing time. */
  now: number;
  /** How far the phone's clock is behind that anchor, ms (0 when it is not). */
  behindByMs: number;
  /** Behind by more than the tolerance: the gate should say its clock is wrong. */
  warn: boolean;
}

/**
 * `listsSignedAt`: the newest server signing time among the trust and red lists the gate holds
 * (undefined before the first sync). A server-signed time is a floor for the real time: it cannot
 * be later than the moment the lists were made, and the gate received them after that.
 */
export function gateNow(deviceNow: number, listsSignedAt: number | undefined, warnAfterMs = DEFAULT_LIVE_TOLERANCE_MS): GateClock {
  if (listsSignedAt === undefined || deviceNow >= listsSignedAt) return { now: deviceNow, behindByMs: 0, warn: false };
  const behindByMs = listsSignedAt - deviceNow;
  // A few seconds behind is ordinary drift and network delay; the anchor covers it silently.
  return { now: listsSignedAt, behindByMs, warn: behindByMs > warnAfterMs };
}

/** A server time and the phone's own time at the same moment (e.g. a code's issuedAt and when it arrived). */
export interface ServerTimeSeen {
  serverTime: number;
  deviceTime: number;
}

export type ClockHint = { kind: 'ok' } | { kind: 'behind' | 'ahead'; byMs: number };

/** Half the gate's tolerance: the gate's own clock can be off too, so the holder hears early. */
export const HOLDER_CLOCK_HINT_MS = DEFAULT_LIVE_TOLERANCE_MS / 2;

/**
 * Whether the holder's phone clock is far enough off that a gate may see its live code as a
 * replay. Two signs: the offset measured when the server's time was seen, and — if the clock was
 * set back since — a phone clock now earlier than a server time already seen.
 */
export function clockHint(deviceNow: number, serverTimeSeen: ServerTimeSeen | undefined, thresholdMs = HOLDER_CLOCK_HINT_MS): ClockHint {
  if (!serverTimeSeen) return { kind: 'ok' };
  const offset = serverTimeSeen.serverTime - serverTimeSeen.deviceTime;
  const behind = Math.max(offset, serverTimeSeen.serverTime - deviceNow);
  if (behind > thresholdMs) return { kind: 'behind', byMs: behind };
  if (-offset > thresholdMs) return { kind: 'ahead', byMs: -offset };
  return { kind: 'ok' };
}
