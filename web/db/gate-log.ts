// What this gate phone did today, for the inspector's own list: the checks it recorded (waiting,
// uploaded or refused by the server) and the entries it refused and logged. Refused entries are
// kept here only, per local day: they are not checks, do not count in the tally, and are not uploaded.

import type { CheckpointRecord } from '../../shared/records.js';
import { localDay } from '../../shared/time.js';
import { getMeta, setMeta, type HgDb, type RefusedEntry } from './db.js';

/** A day's list never looks further back than this (a day is at most 26 hours long in any zone). */
const LOOKBACK_MS = 27 * 3600_000;

export interface LoggedCheck {
  record: CheckpointRecord;
  state: 'pending' | 'uploaded' | 'rejected';
}

/** The newest `limit` of today's checks on this phone ("today" in the venue's zone), newest first. */
export async function checksToday(db: HgDb, timeZone: string, now = Date.now(), limit = 50): Promise<LoggedCheck[]> {
  const since = now - LOOKBACK_MS;
  const today = localDay(now, timeZone);
  // Each table's newest rows by index, never the whole table: a gate may hold 100,000 records unsent.
  const [pending, receipts, rejected] = await Promise.all([
    db.outbox.where('capturedAt').aboveOrEqual(since).reverse().limit(limit).toArray(),
    db.receipts.where('ackedAt').aboveOrEqual(since).reverse().limit(limit).toArray(),
    db.rejected.where('rejectedAt').aboveOrEqual(since).reverse().limit(limit).toArray(),
  ]);
  const all: LoggedCheck[] = [
    ...pending.map(({ queuedAt: _q, deviceId: _d, ...record }): LoggedCheck => ({ record, state: 'pending' })),
    ...receipts.map((r): LoggedCheck => ({ record: r.record, state: 'uploaded' })),
    ...rejected.map((r): LoggedCheck => ({ record: r.record, state: 'rejected' })),
  ];
  return all
    .filter((c) => localDay(c.record.capturedAt, timeZone) === today)
    .sort((a, b) => b.record.capturedAt - a.record.capturedAt || b.record.seq - a.record.seq)
    .slice(0, limit);
}

const refusedKey = (at: number, timeZone: string) => `refused:${localDay(at, timeZone)}` as const;

/** Logs a refused entry under its local day; resolves once stored. */
export async function logRefused(db: HgDb, entry: RefusedEntry, timeZone: string): Promise<void> {
  const key = refusedKey(entry.at, timeZone);
  await db.transaction('rw', db.meta, async () => {
    const held = (await getMeta(db, key)) ?? [];
    await setMeta(db, key, [...held, entry]);
  });
}

export async function refusedToday(db: HgDb, timeZone: string, now = Date.now()): Promise<RefusedEntry[]> {
  return (await getMeta(db, refusedKey(now, timeZone))) ?? [];
}
