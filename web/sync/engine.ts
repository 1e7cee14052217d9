// The sync engine: uploads the outbox in batches, one uploader across tabs, and removes a record
// only when the server has answered for its id. Failures back off (min(2^n, 300) s with jitter);
// the `online` event and "sync now" cancel the wait. This module alone talks to /api/sync.

import { syncApi, type SyncResponse } from '../../shared/api/sync.js';
import { uuidv7 } from '../../shared/uuid.js';
import { setMeta, type HgDb } from '../db/db.js';
import { heldListVersions } from '../db/lists.js';
import { acknowledge, deviceIdOf, pendingRecords, pruneReceipts, toRecord } from '../db/outbox.js';
import { ApiError, call, failureCode, NetworkError, type FailureCode, type FetchLike } from '../http.js';
import { backoffDelayMs, MAX_BACKOFF_SEC } from './backoff.js';
import { DEFAULT_LIMITS, nextBatch, type BatchLimits } from './batches.js';
import { withSyncLock, type LockRunner } from './lock.js';

export type SyncPhase = 'idle' | 'syncing' | 'backoff' | 'offline' | 'signed-out' | 'elsewhere';

export interface SyncStatus {
  phase: SyncPhase;
  /** Consecutive failed runs; 0 after a success. */
  failures: number;
  /** When the engine will try again by itself (epoch ms), while backing off. */
  nextAttemptAt: number | null;
  /** The error code of the last failure, while it stands. */
  lastError: FailureCode | null;
}

export interface RunResult {
  outcome: 'done' | 'failed' | 'skipped';
  sent: number;
  acked: number;
  rejected: number;
}

export interface SyncEngineOptions {
  db: HgDb;
  fetch?: FetchLike;
  now?: () => number;
  random?: () => number;
  lock?: LockRunner;
  limits?: BatchLimits;
  /** Per request: a stalled upload must not block the next attempt forever. */
  timeoutMs?: number;
  intervalMs?: number;
  onStatus?: (status: SyncStatus) => void;
  /**
   * Who is signed in: only their records are sent (on a gate phone shared by inspectors, another's
   * records wait for that inspector's own session). Without it, every pending record is sent.
   */
  inspectorId?: () => string | undefined | Promise<string | undefined>;
}

export const SYNC_INTERVAL_MS = 30_000;

export class SyncEngine {
  private statusValue: SyncStatus = { phase: 'idle', failures: 0, nextAttemptAt: null, lastError: null };
  private running: Promise<RunResult> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: SyncEngineOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  get status(): SyncStatus {
    return this.statusValue;
  }

  /** Uploads now unless an upload is already running (then it shares that one). */
  run(): Promise<RunResult> {
    this.running ??= this.runLocked().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * The user asked, or the network came back: forget the backoff and go. If an upload is already
   * running and it fails (against a server that was down a moment ago), another one follows it.
   */
  syncNow(): Promise<RunResult> {
    this.clearRetry();
    this.setStatus({ failures: 0, nextAttemptAt: null });
    if (!this.running) return this.run();
    return this.running.then((result) => {
      if (result.outcome !== 'failed') return result;
      this.clearRetry();
      this.setStatus({ failures: 0, nextAttemptAt: null });
      return this.run();
    });
  }

  /** A background trigger (interval, tab shown): respects the backoff. */
  poke(): Promise<RunResult> | undefined {
    const next = this.statusValue.nextAttemptAt;
    if (next !== null && this.now() < next) return undefined;
    return this.run();
  }

  /** Wires the triggers: now, `online`, the tab becoming visible, and an interval. Returns a stop function. */
  start(): () => void {
    const onOnline = () => void this.syncNow();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.poke();
    };
    globalThis.addEventListener?.('online', onOnline);
    globalThis.document?.addEventListener('visibilitychange', onVisible);
    const interval = setInterval(() => void this.poke(), this.options.intervalMs ?? SYNC_INTERVAL_MS);
    void this.poke();
    return () => {
      globalThis.removeEventListener?.('online', onOnline);
      globalThis.document?.removeEventListener('visibilitychange', onVisible);
      clearInterval(interval);
      this.clearRetry();
    };
  }

  /** Cancels a scheduled retry (tests, sign-out). */
  dispose(): void {
    this.clearRetry();
  }

  private async runLocked(): Promise<RunResult> {
    const result = await (this.options.lock ?? withSyncLock)(() => this.upload());
    if (result.ran) return result.value;
    // Another tab is uploading; its results reach this tab through the database.
    this.setStatus({ phase: 'elsewhere' });
    return { outcome: 'skipped', sent: 0, acked: 0, rejected: 0 };
  }

  private async upload(): Promise<RunResult> {
    const { db } = this.options;
    const totals: RunResult = { outcome: 'done', sent: 0, acked: 0, rejected: 0 };
    const limits = { ...(this.options.limits ?? DEFAULT_LIMITS) };
    const inspectorId = await this.options.inspectorId?.();
    this.setStatus({ phase: 'syncing' });
    for (;;) {
      const rows = await pendingRecords(db, limits.maxRecords, inspectorId);
      if (rows.length === 0) break;
      // A batch goes under one device id: the oldest record's. Each record keeps the id it was captured under.
      const deviceId = await deviceIdOf(db, rows[0]!);
      const sameDevice: typeof rows = [];
      for (const row of rows) if ((await deviceIdOf(db, row)) === deviceId) sameDevice.push(row);
      // Every batch says which list versions the device holds: the authority counts who took a change.
      const batch = nextBatch(sameDevice.map(toRecord), { deviceId, batchId: uuidv7(this.now()), sentAt: this.now(), lists: await heldListVersions(db) }, limits);
      if (!batch) break;
      let response: SyncResponse;
      try {
        // The body goes as JSON.stringify(batch): exactly the bytes nextBatch measured.
        response = await call(syncApi.checkpoints, {
          body: batch,
          fetch: this.options.fetch,
          timeoutMs: this.options.timeoutMs ?? 20_000,
        });
      } catch (e) {
        // The server's limit may be tighter than ours: halve the batch rather than retry it forever.
        if (e instanceof ApiError && (e.code === 'batch_too_large' || e.code === 'payload_too_large') && batch.records.length > 1) {
          limits.maxRecords = Math.ceil(batch.records.length / 2);
          continue;
        }
        return this.failed(e, totals);
      }
      totals.sent += batch.records.length;
      const ids = new Set(batch.records.map((r) => r.id));
      // The shape was checked against the contract; only answers for ids we sent count.
      const results = response.results.filter((r) => ids.has(r.id));
      const counts = await acknowledge(db, results, this.now());
      totals.acked += counts.acked;
      totals.rejected += counts.rejected;
      if (counts.acked + counts.rejected === 0) {
        // An answer that acknowledges nothing would loop forever: treat it as a failure.
        return this.failed(new ApiError(200, 'internal', 'no record acknowledged'), totals);
      }
      await setMeta(db, 'lastSyncAt', this.now());
    }
    await pruneReceipts(db, this.now());
    this.clearRetry();
    this.setStatus({ phase: 'idle', failures: 0, nextAttemptAt: null, lastError: null });
    return totals;
  }

  private failed(e: unknown, totals: RunResult): RunResult {
    const failures = this.statusValue.failures + 1;
    let delay = backoffDelayMs(failures, this.random());
    const { code, retryAfterSec } = failureCode(e);
    if (retryAfterSec) delay = Math.min(Math.max(delay, retryAfterSec * 1000), MAX_BACKOFF_SEC * 1000);
    const phase: SyncPhase = code === 'unauthenticated' ? 'signed-out' : e instanceof NetworkError ? 'offline' : 'backoff';
    this.setStatus({ phase, failures, nextAttemptAt: this.now() + delay, lastError: code });
    this.clearRetry();
    this.retryTimer = setTimeout(() => void this.poke(), delay);
    return { ...totals, outcome: 'failed' };
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    this.statusValue = { ...this.statusValue, ...patch };
    this.options.onStatus?.(this.statusValue);
  }
}
