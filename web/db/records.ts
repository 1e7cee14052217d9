// A holder's records (and each family member's), cached so the records page works offline, and the code displays (亮码记录)
// the phone made but has not reported yet — kept per account until the server acknowledges them.

import type { PersonRecords } from '../../shared/api/records.js';
import { deleteMeta, getMeta, setMeta, type CachedRecords, type HgDb, type PendingDisplay } from './db.js';

export type { CachedRecords, PendingDisplay };

/** The account's own records, or (memberId) those of a family member it looks after. */
const recordsKey = (userId: string, memberId: string | null) => (memberId ? (`records:${userId}:${memberId}` as const) : (`records:${userId}` as const));

export const cachedRecords = (db: HgDb, userId: string, memberId: string | null = null): Promise<CachedRecords | undefined> => getMeta(db, recordsKey(userId, memberId));

export async function saveRecords(db: HgDb, userId: string, records: PersonRecords, fetchedAt = Date.now(), memberId: string | null = null): Promise<CachedRecords> {
  const row = { records, fetchedAt };
  await setMeta(db, recordsKey(userId, memberId), row);
  return row;
}

export async function queueDisplay(db: HgDb, userId: string, display: PendingDisplay): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const queued = (await getMeta(db, `displays:${userId}`)) ?? [];
    // At most the last 500: a phone offline for weeks reports what the records page can still show.
    await setMeta(db, `displays:${userId}`, [...queued, display].slice(-500));
  });
}

export async function pendingDisplays(db: HgDb, userId: string): Promise<PendingDisplay[]> {
  return (await getMeta(db, `displays:${userId}`)) ?? [];
}

/** Marks a queued display as made offline (its first report did not reach the server). */
export async function markDisplayOffline(db: HgDb, userId: string, id: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const queued = (await getMeta(db, `displays:${userId}`)) ?? [];
    if (queued.some((d) => d.id === id)) await setMeta(db, `displays:${userId}`, queued.map((d) => (d.id === id ? { ...d, offline: true } : d)));
  });
}

/** Drops the displays the server acknowledged (by id), keeping any queued meanwhile. */
export async function dropDisplays(db: HgDb, userId: string, ids: readonly string[]): Promise<void> {
  const gone = new Set(ids);
  await db.transaction('rw', db.meta, async () => {
    const left = ((await getMeta(db, `displays:${userId}`)) ?? []).filter((d) => !gone.has(d.id));
    if (left.length === 0) await deleteMeta(db, `displays:${userId}`);
    else await setMeta(db, `displays:${userId}`, left);
  });
}

/** On sign-out the device forgets the person's records and their family members': they are personal data. */
export async function forgetRecords(db: HgDb, userId: string): Promise<void> {
  await deleteMeta(db, `records:${userId}`);
  await db.meta.where('key').startsWith(`records:${userId}:`).delete();
}
