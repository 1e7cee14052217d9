// The holder's own code: shown from the device's copy at once, refreshed from the server when there
// is none or the copy is past half its life, and again whenever the page comes back online or into view.

import { signal } from '@preact/signals';
import { onResume, reachable } from '../../app/network.js';
import { sessionExpired } from '../../app/session.js';
import { appDb, type CodeRow } from '../../db/db.js';
import { cachedCode, saveCode } from '../../db/codes.js';
import { failureCode } from '../../http.js';

/** undefined while reading the device's copy; null when it has none. */
export const myCode = signal<CodeRow | null | undefined>(undefined);
export const codeFetching = signal(false);
/** The last refresh failed for want of a network: the page says it shows the saved copy. */
export const codeOffline = signal(false);
export const codeError = signal<ReturnType<typeof failureCode> | null>(null);
/** False once this phone has shown it cannot keep a device key: its unbound code is then as good as it gets. */
let canBind = true;

/** Past half its life (issuedAt → expiresAt), a code is refreshed, so a fresh one is on the phone long before it expires. */
export function needsRefresh(row: CodeRow | null | undefined, now: number): boolean {
  if (!row) return true;
  // A code from before this phone had a device key: get one it can show live.
  if (row.deviceKey === undefined && canBind) return true;
  const { issuedAt, expiresAt } = row.code;
  return now >= issuedAt + (expiresAt - issuedAt) / 2;
}

export async function refreshCode(userId: string, force = false): Promise<void> {
  if (codeFetching.value) return;
  if (!force && !needsRefresh(myCode.value, Date.now())) return;
  codeFetching.value = true;
  try {
    const { fetchMyCode } = await import('./live-binding.js');
    const { code, deviceKey, canBind: bindable } = await fetchMyCode(userId);
    canBind = bindable;
    myCode.value = await saveCode(appDb(), userId, code, Date.now(), deviceKey);
    codeOffline.value = false;
    codeError.value = null;
  } catch (e) {
    const failure = failureCode(e);
    codeOffline.value = failure.code === 'network' || failure.code === 'timeout';
    codeError.value = codeOffline.value ? null : failure;
    if (failure.code === 'unauthenticated') sessionExpired.value = true;
  } finally {
    codeFetching.value = false;
  }
}

/** Shows the saved code, then keeps it fresh while the page is open. Returns the stop function. */
export function watchMyCode(userId: string): () => void {
  let stopped = false;
  void (async () => {
    const row = (await cachedCode(appDb(), userId).catch(() => undefined)) ?? null;
    if (stopped) return;
    myCode.value = row;
    await refreshCode(userId);
  })();
  // Back online or back in view: the status may have changed meanwhile, so ask even if the copy is young.
  const stopResume = onResume(() => void refreshCode(userId, true));
  // A code can pass half its life while the page stays open (a phone left on the code screen);
  // and while the server is unreachable, asking again is how the page learns it is back.
  const timer = setInterval(() => void refreshCode(userId, !reachable.value), 30_000);
  return () => {
    stopped = true;
    stopResume();
    clearInterval(timer);
  };
}
