// The gate's notion of "now": the phone's clock, but never earlier than the signing time of the
// lists it last synced (shared/clock.ts), so a phone set back in time cannot revive expired codes
// or old screenshots. When the phone is behind that by more than the live tolerance, it says so.

import { computed } from '@preact/signals';
import { gateNow, type GateClock } from '../../../shared/clock.js';
import { redList, trustStore } from './lists.js';
import { policy } from './policy.js';

/** The newest server signing time among the lists this gate holds. */
export const listsSignedAt = computed<number | undefined>(() => {
  const times = [trustStore.value?.issuedAt, redList.value?.issuedAt].filter((t): t is number => t !== undefined);
  return times.length ? Math.max(...times) : undefined;
});

export function gateClock(deviceNow = Date.now()): GateClock {
  return gateNow(deviceNow, listsSignedAt.value, policy.value.liveToleranceMs);
}
