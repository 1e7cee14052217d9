// The upload side of the gate: one sync engine per tab (the lock inside makes it one per device),
// and what the status panel shows — pending count, oldest pending, last success, rejected records,
// and today's tally (today in the picked venue's time zone).

import { computed, effect, signal } from '@preact/signals';
import { appDb, getMeta, watch, type RejectedRow, type Tally } from '../../db/db.js';
import { outboxSummary, rejectedRecords, todayTally, type OutboxSummary } from '../../db/outbox.js';
import { me } from '../../app/session.js';
import { SyncEngine, type SyncStatus } from '../../sync/engine.js';
import { venueRules } from './venues.js';

export const syncStatus = signal<SyncStatus>({ phase: 'idle', failures: 0, nextAttemptAt: null, lastError: null });
export const outbox = signal<OutboxSummary>({ pending: 0, oldestCapturedAt: null });
export const lastSyncAt = signal<number | null>(null);
export const rejected = signal<RejectedRow[]>([]);
export const tally = signal<Tally>({ scanned: 0, fever: 0, notGreen: 0 });

/** Only a change of zone moves "today" (a refreshed venue list with the same zone does not). */
const tallyZone = computed(() => venueRules.value.timeZone);

let engine: SyncEngine | undefined;
let stopAll: (() => void) | undefined;

/** Starts uploading and watching; idempotent, so the gate page can call it on every mount. */
export function startUploads(): void {
  if (stopAll) return;
  const db = appDb();
  engine = new SyncEngine({ db, onStatus: (s) => (syncStatus.value = s), inspectorId: async () => me.value?.id ?? (await getMeta(db, 'me'))?.id });
  const stops = [
    engine.start(),
    watch(() => outboxSummary(db), (s) => (outbox.value = s)),
    watch(async () => (await getMeta(db, 'lastSyncAt')) ?? null, (t) => (lastSyncAt.value = t)),
    watch(() => rejectedRecords(db), (r) => (rejected.value = r)),
    // Picking a venue in another time zone moves "today": watch that day's tally instead.
    effect(() => {
      const timeZone = tallyZone.value;
      return watch(() => todayTally(db, timeZone), (t) => (tally.value = t));
    }),
  ];
  stopAll = () => stops.forEach((stop) => stop());
}

/** A record was just saved: upload it soon, unless the engine is waiting out a backoff. */
export function pokeSync(): void {
  void engine?.poke();
}

/** The "sync now" button: cancels any backoff wait. */
export function syncNow(): void {
  void engine?.syncNow();
}
