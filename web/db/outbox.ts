// The outbox: checkpoint records written at the gate and kept until the server acknowledges them.
// A record is validated with the shared schema before anything is written, and its sequence number
// and today's tally change in the same strict transaction as the record itself. "Today" and "fever"
// are the venue's: its time zone and its threshold, by the same shared rules the server counts with.

import * as v from 'valibot';
import type { Venue } from '../../shared/api/venues.js';
import { CheckpointRecordSchema, isFever, type CheckpointRecord, type RecordResult } from '../../shared/records.js';
import { localDay } from '../../shared/time.js';
import { uuidv7 } from '../../shared/uuid.js';
import { getMeta, type HgDb, type OutboxRow, type ReceiptRow, type RejectedRow, type Tally } from './db.js';

/** What the gate screen supplies; the id, sequence number and capture time are the outbox's job. */
export type RecordDraft = Omit<CheckpointRecord, 'id' | 'seq' | 'capturedAt'>;

export class RecordInvalidError extends Error {
  override name = 'RecordInvalidError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The device id this phone's records of one inspector go under, made on their first record and kept:
 * the server uses it with seq to order records, and it belongs to the inspector who first syncs under
 * it. A gate phone shared by several inspectors therefore holds one device id (and one seq counter) per
 * inspector. Runs inside the caller's transaction when there is one.
 */
export async function deviceIdFor(db: HgDb, inspectorId: string): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const key = `deviceId:${inspectorId}` as const;
    const held = await getMeta(db, key);
    if (held) return held;
    const id = uuidv7();
    await db.meta.put({ key, value: id });
    return id;
  });
}

/**
 * The one device id of phones from before ids were per inspector: records queued then carry no device
 * id of their own and are still sent under it (with the seq numbers they were given under it).
 */
export async function legacyDeviceId(db: HgDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const held = await getMeta(db, 'deviceId');
    if (held) return held;
    const id = uuidv7();
    await db.meta.put({ key: 'deviceId', value: id });
    return id;
  });
}

/** The device id a queued record was captured under. */
export async function deviceIdOf(db: HgDb, row: OutboxRow): Promise<string> {
  return row.deviceId ?? legacyDeviceId(db);
}

/** What the outbox needs to know about the venue a record is taken at. */
export type VenueRules = Pick<Venue, 'timeZone' | 'feverThreshold'>;

const tallyKey = (now: number, timeZone: string) => `tally:${localDay(now, timeZone)}` as const;

/**
 * Validates, then writes the record, the next sequence number and today's tally in one transaction.
 * Resolves only after the transaction has committed, so the caller may then say "saved".
 */
export async function addRecord(db: HgDb, draft: RecordDraft, venue: VenueRules, now = Date.now()): Promise<CheckpointRecord> {
  const candidate = { ...draft, id: uuidv7(now), seq: 0, capturedAt: now };
  const checked = v.safeParse(CheckpointRecordSchema, candidate);
  if (!checked.success) {
    const issue = checked.issues[0]!;
    throw new RecordInvalidError(v.getDotPath(issue) ?? '', issue.message);
  }
  const base = checked.output;
  const dayKey = tallyKey(now, venue.timeZone);
  let saved: CheckpointRecord | undefined;
  await db.transaction('rw', db.outbox, db.meta, async () => {
    const deviceId = await deviceIdFor(db, base.inspectorId);
    const seqKey = `seq:${deviceId}` as const;
    const seq = ((await getMeta(db, seqKey)) ?? 0) + 1;
    const tally = (await getMeta(db, dayKey)) ?? { scanned: 0, fever: 0, notGreen: 0 };
    saved = { ...base, seq };
    const row: OutboxRow = { ...saved, deviceId, queuedAt: now };
    await db.outbox.add(row);
    await db.meta.put({ key: seqKey, value: seq });
    const next: Tally = {
      scanned: tally.scanned + 1,
      fever: tally.fever + (isFever(base.temperature, venue.feverThreshold) ? 1 : 0),
      notGreen: tally.notGreen + (base.verdict === 'green' ? 0 : 1),
    };
    await db.meta.put({ key: dayKey, value: next });
  });
  return saved!;
}

/** This phone's counts for today, "today" in the venue's time zone. */
export async function todayTally(db: HgDb, timeZone: string, now = Date.now()): Promise<Tally> {
  return (await getMeta(db, tallyKey(now, timeZone))) ?? { scanned: 0, fever: 0, notGreen: 0 };
}

export interface OutboxSummary {
  pending: number;
  oldestCapturedAt: number | null;
}

export async function outboxSummary(db: HgDb): Promise<OutboxSummary> {
  const [pending, oldest] = await Promise.all([db.outbox.count(), db.outbox.orderBy('capturedAt').first()]);
  return { pending, oldestCapturedAt: oldest?.capturedAt ?? null };
}

/**
 * The oldest records first, in the order they were taken; with `inspectorId`, only that inspector's
 * (another inspector's records on a shared phone wait for their own sign-in: the server would refuse them).
 */
export function pendingRecords(db: HgDb, limit: number, inspectorId?: string): Promise<OutboxRow[]> {
  const all = db.outbox.orderBy('seq');
  return (inspectorId === undefined ? all : all.filter((r) => r.inspectorId === inspectorId)).limit(limit).toArray();
}

export function rejectedRecords(db: HgDb, limit = 50): Promise<RejectedRow[]> {
  return db.rejected.orderBy('rejectedAt').reverse().limit(limit).toArray();
}

/** A record as the server expects it: the outbox's bookkeeping fields stripped. */
export function toRecord({ queuedAt: _q, deviceId: _d, ...record }: OutboxRow): CheckpointRecord {
  return record;
}

export interface AckCounts {
  acked: number;
  rejected: number;
}

/**
 * Applies the server's per-record answers in one transaction: accepted and duplicate rows move to
 * receipts, rejected rows move to the rejected list with their reason. Only ids the server named
 * leave the outbox; everything else (including records written during the upload) stays.
 */
export async function acknowledge(db: HgDb, results: readonly RecordResult[], now = Date.now()): Promise<AckCounts> {
  const counts: AckCounts = { acked: 0, rejected: 0 };
  if (results.length === 0) return counts;
  await db.transaction('rw', db.outbox, db.receipts, db.rejected, async () => {
    const rows = await db.outbox.bulkGet(results.map((r) => r.id));
    const receipts: ReceiptRow[] = [];
    const rejected: RejectedRow[] = [];
    results.forEach((result, i) => {
      const row = rows[i];
      if (!row) return; // Already acknowledged (another tab, an earlier answer) or not ours.
      const record = toRecord(row);
      if (result.status === 'rejected') rejected.push({ id: row.id, record, reason: result.reason, rejectedAt: now });
      else if (result.status === 'accepted' || result.status === 'duplicate') {
        receipts.push({ id: row.id, record, status: result.status, flags: result.status === 'accepted' ? (result.flags ?? []) : [], ackedAt: now });
      }
    });
    await db.receipts.bulkPut(receipts);
    await db.rejected.bulkPut(rejected);
    await db.outbox.bulkDelete([...receipts, ...rejected].map((r) => r.id));
    counts.acked = receipts.length;
    counts.rejected = rejected.length;
  });
  return counts;
}

export const RECEIPT_DAYS = 3;

/** Receipts are proof for a few days, not an archive: the server holds the records. */
export async function pruneReceipts(db: HgDb, now = Date.now()): Promise<number> {
  return db.receipts.where('ackedAt').below(now - RECEIPT_DAYS * 86_400_000).delete();
}
