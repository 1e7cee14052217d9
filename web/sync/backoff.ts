// Retry delays after a failed upload: min(2^n, 300) s, with jitter so that a gate full of phones
// coming back online does not retry in lockstep.

export const MAX_BACKOFF_SEC = 300;

/** failures ≥ 1; random in [0, 1). The delay lies in [cap/2, cap], cap = min(2^failures, 300) s. */
export function backoffDelayMs(failures: number, random: number): number {
  const capSec = Math.min(2 ** Math.max(1, failures), MAX_BACKOFF_SEC);
  return Math.round(capSec * 1000 * (0.5 + 0.5 * random));
}
