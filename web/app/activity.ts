// What the inspector is in the middle of: records waiting to upload, a scan not yet saved. The update
// prompt waits for all of it to be clear, so a new version never reloads the page mid-scan.

import { computed, signal } from '@preact/signals';

/** Records in the outbox; undefined until counted (the outbox is watched once an update waits). */
export const pendingUploads = signal<number | undefined>(undefined);
export const midScan = signal(false);
export const cameraOn = signal(false);
export const outboxIdle = computed(() => pendingUploads.value === 0 && !midScan.value && !cameraOn.value);

let watching = false;
/** Counts the outbox now and whenever it changes. Dexie loads for it: called when an update waits, not at start. */
export function watchActivity(): void {
  if (watching) return;
  watching = true;
  void import('../db/db.js').then(({ appDb, countPending, watch }) =>
    watch(
      () => countPending(appDb()),
      (n) => (pendingUploads.value = n),
    ),
  );
}
