// Service worker registration and the "update available" prompt. A waiting update is offered only
// while the outbox is idle (nothing pending, no scan in progress, camera off), and the page reloads
// only when the inspector says so — never in the middle of a scan.

import { computed, signal } from '@preact/signals';
// The ES2017 build (see workbox-window-modern.d.ts), loaded after the page: registering never
// delays a holder's code on screen.
import type { Workbox } from 'workbox-window/build/workbox-window.prod.mjs';
import { IS_PROD } from '../env.js';
import { outboxIdle, watchActivity } from './activity.js';

export const updateWaiting = signal(false);
export const showUpdatePrompt = computed(() => updateWaiting.value && outboxIdle.value);

let wb: Workbox | undefined;

/** After the page has loaded and the main thread is free (a service worker already in control serves meanwhile). */
function whenSettled(fn: () => void): void {
  const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 500));
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}

export function registerServiceWorker(): void {
  if (!IS_PROD || !('serviceWorker' in navigator)) return;
  whenSettled(() => {
    void import('workbox-window/build/workbox-window.prod.mjs')
      .then(({ Workbox }) => {
        wb = new Workbox('/sw.js', { scope: '/' });
        wb.addEventListener('waiting', () => {
          watchActivity();
          updateWaiting.value = true;
        });
        return wb.register();
      })
      .catch(() => undefined);
  });
}

export function applyUpdate(): void {
  if (!wb || !showUpdatePrompt.value) return;
  wb.addEventListener('controlling', () => window.location.reload());
  wb.messageSkipWaiting();
}

export function dismissUpdate(): void {
  updateWaiting.value = false;
}
