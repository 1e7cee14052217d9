// Whether the browser believes it is online. `navigator.onLine` only knows about the link, not the
// server, so pages combine it with whether their last request got through.

import { signal } from '@preact/signals';

export const online = signal<boolean>(typeof navigator === 'undefined' ? true : navigator.onLine);

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
