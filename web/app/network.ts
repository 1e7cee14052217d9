// Whether the app can reach its server. `navigator.onLine` only knows about the link (it says
// "online" when the server is down), so it is combined with whether the last request got an answer.

import { computed, signal } from '@preact/signals';
import { observeContact } from '../http.js';

export const online = signal<boolean>(typeof navigator === 'undefined' ? true : navigator.onLine);
/** Did the last request to the server get any answer at all? */
export const reachable = signal(true);
observeContact((reached) => (reachable.value = reached));
export const offline = computed(() => !online.value || !reachable.value);

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => (online.value = true));
  window.addEventListener('offline', () => (online.value = false));
}

/** Runs fn when the page comes back online or becomes visible again; returns the unsubscribe. */
export function onResume(fn: () => void): () => void {
  const onVisible = () => {
    if (document.visibilityState === 'visible') fn();
  };
  window.addEventListener('online', fn);
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    window.removeEventListener('online', fn);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
