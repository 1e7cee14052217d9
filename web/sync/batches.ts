// Cutting the outbox into upload batches: the oldest records first, at most MAX_BATCH_RECORDS of
// them and at most MAX_BATCH_BYTES of JSON, measured exactly as the request body will be sent.

import { MAX_BATCH_BYTES, MAX_BATCH_RECORDS, type CheckpointRecord, type SyncBatch } from '../../shared/records.js';

export interface BatchLimits {
  maxRecords: number;
  maxBytes: number;
}
export const DEFAULT_LIMITS: BatchLimits = { maxRecords: MAX_BATCH_RECORDS, maxBytes: MAX_BATCH_BYTES };

const encoder = new TextEncoder();
export const byteLength = (s: string): number => encoder.encode(s).length;

/**
 * The longest prefix of `records` that fits the limits, as a batch. A single record always goes
 * (the schema caps a record far below the byte limit), so the outbox can never get stuck.
 */
export function nextBatch(
  records: readonly CheckpointRecord[],
  head: Omit<SyncBatch, 'records'>,
  limits: BatchLimits = DEFAULT_LIMITS,
): SyncBatch | undefined {
  if (records.length === 0) return undefined;
  // '{…,"records":[]}' plus each record's JSON plus the commas between them is the exact body size.
  let bytes = byteLength(JSON.stringify({ ...head, records: [] }));
  const picked: CheckpointRecord[] = [];
  for (const r of records) {
    if (picked.length >= limits.maxRecords) break;
    const add = byteLength(JSON.stringify(r)) + (picked.length > 0 ? 1 : 0);
    if (picked.length > 0 && bytes + add > limits.maxBytes) break;
    bytes += add;
    picked.push(r);
  }
  return { ...head, records: picked };
}
