// The current path as a signal, and navigation without reloads. Four routes do not need a library.

import { signal } from '@preact/signals';

export const path = signal<string>(typeof location === 'undefined' ? '/' : location.pathname);

export function navigate(to: string, { replace = false } = {}): void {
  if (to === path.value) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  path.value = to;
  window.scrollTo(0, 0);
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    path.value = location.pathname;
  });
}
