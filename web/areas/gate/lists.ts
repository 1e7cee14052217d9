// The trust store and red list the gate verifies against, held in memory (verifying must not wait
// for IndexedDB) and refreshed from the server whenever the gate is open and online, together with
// the deployment's live-code policy (policy.ts).

import { signal } from '@preact/signals';
import type { RedList } from '../../../shared/redlist.js';
import { loadTrustStore, type TrustStore } from '../../../shared/trust.js';
import { onResume } from '../../app/network.js';
import { appDb } from '../../db/db.js';
import { heldRedList, heldTrustList } from '../../db/lists.js';
import { TRUST_ROOTS } from '../../env.js';
import { failureCode, type FailureCode } from '../../http.js';
import { refreshRedList, refreshTrustList } from '../../sync/lists.js';
import { loadHeldPolicy, refreshPolicy } from './policy.js';

export const trustStore = signal<TrustStore | undefined>(undefined);
export const redList = signal<RedList | undefined>(undefined);
/** The error code of the last failed refresh ('network' when simply offline). */
export const listsError = signal<FailureCode | null>(null);

const REFRESH_MS = 10 * 60_000;

export async function loadHeldLists(): Promise<void> {
  const db = appDb();
  const [trust, red] = await Promise.all([heldTrustList(db), heldRedList(db), loadHeldPolicy()]);
  if (trust) trustStore.value = await loadTrustStore(trust.list);
  if (red) redList.value = red;
}

export async function refreshLists(): Promise<void> {
  const options = { db: appDb(), roots: TRUST_ROOTS, timeoutMs: 15_000 };
  // Independent: a failing red list must not keep a fresh trust list away, or the other way round.
  // The policy's own failure is not reported: the lists' refresh says the same (offline), and the held policy stays.
  const [trust, red] = await Promise.allSettled([refreshTrustList(options), refreshRedList(options), refreshPolicy()]);
  if (trust.status === 'fulfilled') trustStore.value = await loadTrustStore(trust.value);
  if (red.status === 'fulfilled') redList.value = red.value;
  const failed = [trust, red].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  listsError.value = failed ? failureCode(failed.reason).code : null;
}

/** Loads what the device holds, then keeps it fresh while the gate is open. Returns the stop function. */
export function watchLists(): () => void {
  void loadHeldLists().then(refreshLists, refreshLists);
  const stopResume = onResume(() => void refreshLists());
  const timer = setInterval(() => void refreshLists(), REFRESH_MS);
  return () => {
    stopResume();
    clearInterval(timer);
  };
}
