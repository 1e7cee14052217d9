// What the inspector is in the middle of: records waiting to upload, a scan not yet saved. The update
// prompt waits for both to be clear, so a new version never reloads the page mid-scan.

import { computed, signal } from '@preact/signals';
import { appDb, countPending, watch } from '../db/db.js';

export const pendingUploads = signal(0);
export const midScan = signal(false);
export const cameraOn = signal(false);
export const outboxIdle = computed(() => pendingUploads.value === 0 && !midScan.value && !cameraOn.value);

let watching = false;
export function watchActivity(): void {
  if (watching) return;
  watching = true;
  watch(
    () => countPending(appDb()),
    (n) => (pendingUploads.value = n),
  );
}
