// Code displays (亮码记录): each time the holder's code page is opened with a code on it, the phone
// notes when, what colour and whose (a family member's when the switch shows theirs) — offline too —
// and reports what it noted once the server answers.
// The records page lists them (the last 3 days), those shown offline marked as reported later.

import { recordsApi } from '../../shared/api/records.js';
import { uuidv7 } from '../../shared/uuid.js';
import { cachedCode } from '../db/codes.js';
import { appDb } from '../db/db.js';
import { dropDisplays, markDisplayOffline, pendingDisplays, queueDisplay } from '../db/records.js';
import { call, NetworkError } from '../http.js';
import { offline } from './network.js';

let flushing: Promise<unknown> | undefined;

/**
 * Notes one display of a cached code — the account's own (memberId null) or a family member's the
 * guardian's phone showed (recorded as that member's; the server checks the account looks after
 * them) — then tries to report. `codeKey`: where that code is cached.
 */
export async function noteCodeShown(userId: string, memberId: string | null = null, codeKey = userId): Promise<void> {
  const db = appDb();
  // On a first visit the code arrives just after the page: wait for it a little.
  let row = await cachedCode(db, codeKey);
  for (let i = 0; !row && i < 20; i++) {
    await new Promise((r) => setTimeout(r, 500));
    row = await cachedCode(db, codeKey);
  }
  if (!row) return;
  const id = uuidv7();
  await queueDisplay(db, userId, { id, shownAt: Date.now(), status: row.code.status, offline: offline.value, ...(memberId ? { personId: memberId } : {}) });
  // Shown while the server cannot be reached: it is reported later, and marked so.
  if ((await flushDisplays(userId)) instanceof NetworkError) await markDisplayOffline(db, userId, id);
}

/**
 * Reports the queued displays, one request at a time; what the server acknowledged leaves the
 * queue. Resolves to the failure that stopped it, if any.
 */
export function flushDisplays(userId: string): Promise<unknown> {
  flushing ??= (async () => {
    try {
      const db = appDb();
      const queued = await pendingDisplays(db, userId);
      for (let i = 0; i < queued.length; i += 200) {
        const batch = queued.slice(i, i + 200);
        await call(recordsApi.reportDisplays, { body: { displays: batch }, timeoutMs: 10_000 });
        await dropDisplays(db, userId, batch.map((d) => d.id));
      }
      return undefined;
    } catch (e) {
      // Offline or signed out: they wait for the next try.
      return e;
    } finally {
      flushing = undefined;
    }
  })();
  return flushing;
}
