// The records page's state: the device's copy first (so the page works offline), then the
// server's answer, kept for next time. Code displays still queued on the phone are shown too.

import { signal } from '@preact/signals';
import { recordsApi } from '../../../shared/api/records.js';
import { flushDisplays } from '../../app/displays.js';
import { appDb } from '../../db/db.js';
import { cachedRecords, pendingDisplays, saveRecords, type CachedRecords, type PendingDisplay } from '../../db/records.js';
import { call, failureCode, type FailureCode } from '../../http.js';

export const records = signal<CachedRecords | null | undefined>(undefined);
export const queued = signal<PendingDisplay[]>([]);
export const recordsError = signal<{ code: FailureCode; retryAfterSec?: number } | null>(null);
export const recordsFetching = signal(false);

export async function loadRecords(userId: string): Promise<void> {
  const db = appDb();
  records.value = (await cachedRecords(db, userId)) ?? null;
  queued.value = await pendingDisplays(db, userId);
  recordsFetching.value = true;
  try {
    await flushDisplays(userId);
    records.value = await saveRecords(db, userId, await call(recordsApi.mine));
    recordsError.value = null;
  } catch (e) {
    recordsError.value = failureCode(e);
  } finally {
    queued.value = await pendingDisplays(db, userId);
    recordsFetching.value = false;
  }
}
