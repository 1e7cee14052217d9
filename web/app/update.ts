// Service worker registration and the "update available" prompt. A waiting update is offered only
// while the outbox is idle (nothing pending, no scan in progress, camera off), and the page reloads
// only when the inspector says so — never in the middle of a scan.

import { computed, signal } from '@preact/signals';
// The ES2017 build (see workbox-window-modern.d.ts), loaded after the page: registering never
// delays a holder's code on screen.
import type { Workbox } from 'workbox-window/build/workbox-window.prod.mjs';
import { IS_PROD } from '../env.js';
import { outboxIdle } from './activity.js';

export const updateWaiting = signal(false);
export const showUpdatePrompt = computed(() => updateWaiting.value && outboxIdle.value);

let wb: Workbox | undefined;

export function registerServiceWorker(): void {
  if (!IS_PROD || !('serviceWorker' in navigator)) return;
  void import('workbox-window/build/workbox-window.prod.mjs')
    .then(({ Workbox }) => {
      wb = new Workbox('/sw.js', { scope: '/' });
      wb.addEventListener('waiting', () => (updateWaiting.value = true));
      return wb.register();
    })
    .catch(() => undefined);
}

export function applyUpdate(): void {
  if (!wb || !showUpdatePrompt.value) return;
  wb.addEventListener('controlling', () => window.location.reload());
  wb.messageSkipWaiting();
}

export function dismissUpdate(): void {
  updateWaiting.value = false;
}
