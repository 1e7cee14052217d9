// Checkpoint records and sync batches: the type, the validator and the limits in one place.
// The server validates every batch with these schemas and the PWA validates before it writes a
// record to its outbox, so a record that would be refused is refused at the gate, not days later.

import * as v from 'valibot';
import { toHex, utf8 } from './bytes.js';
import { MAX_CODE_TEXT, VERDICT_KINDS } from './code/verify.js';
import { epochMs, matching, text, wellFormed } from './api/fields.js';
import { sha256Sync } from './sha256.js';
import { UUID_V7 } from './uuid.js';

export const MIN_TEMPERATURE = 30.0;
export const MAX_TEMPERATURE = 45.0;
/** A venue's fever threshold unless its manager sets another. */
export const DEFAULT_FEVER_THRESHOLD = 37.3;
export const MAX_BATCH_RECORDS = 500;
export const MAX_BATCH_BYTES = 256 * 1024;
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
export const MAX_RECORD_AGE_MS = 7 * 24 * 3600_000;
/** Device clock off by more than this from the server's at send time: records are flagged. */
export const CLOCK_SKEW_FLAG_MS = 2 * 60_000;

const Id = matching(UUID_V7, 'must be a UUIDv7', 36);
const Ref = v.pipe(v.string(), v.minLength(1), v.maxLength(64), wellFormed(), v.regex(/^[A-Za-z0-9_-]+$/, 'must be an id'));

export const CheckpointRecordSchema = v.strictObject({
  id: Id,
  seq: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  code: text(MAX_CODE_TEXT, 1),
  venueId: Ref,
  inspectorId: Ref,
  temperature: v.pipe(
    v.number(),
    v.minValue(MIN_TEMPERATURE, 'temperature must be at least 30.0 °C'),
    v.maxValue(MAX_TEMPERATURE, 'temperature must be at most 45.0 °C'),
  ),
  verdict: v.picklist(VERDICT_KINDS),
  /** Device clock, epoch ms. */
  capturedAt: epochMs(),
  supersedes: v.optional(Id),
});
export type CheckpointRecord = v.InferOutput<typeof CheckpointRecordSchema>;

export const SyncBatchSchema = v.strictObject({
  deviceId: Ref,
  batchId: Id,
  /** Device clock when the batch was sent, epoch ms: lets the server see clock skew. */
  sentAt: epochMs(),
  records: v.pipe(v.array(CheckpointRecordSchema), v.minLength(1), v.maxLength(MAX_BATCH_RECORDS)),
  /** The trust-list and red-list versions the device holds (null: none yet), so the authority sees who took a change. */
  lists: v.optional(
    v.strictObject({
      trust: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER))),
      redList: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER))),
    }),
  ),
});
export type SyncBatch = v.InferOutput<typeof SyncBatchSchema>;

export const REJECT_REASONS = [
  'conflict',
  'sequence-conflict',
  'captured-in-future',
  'captured-too-long-ago',
  'inspector-mismatch',
  'not-bound-to-venue',
  /** The device id is another inspector's (the first to send under it): nothing of the batch is stored. */
  'device-of-another-inspector',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export const RECORD_FLAGS = ['clock-skew', 'verdict-differs'] as const;
export type RecordFlag = (typeof RECORD_FLAGS)[number];

export const RecordResultSchema = v.variant('status', [
  v.strictObject({ id: v.string(), status: v.literal('accepted'), flags: v.array(v.picklist(RECORD_FLAGS)) }),
  v.strictObject({ id: v.string(), status: v.literal('duplicate') }),
  v.strictObject({ id: v.string(), status: v.literal('rejected'), reason: v.picklist(REJECT_REASONS) }),
]);
export type RecordResult = v.InferOutput<typeof RecordResultSchema>;

/** SHA-256 over a record's fields in a fixed order: same id + same hash = a harmless duplicate. */
export function recordContentHash(r: CheckpointRecord): string {
  const canonical = JSON.stringify([
    r.id,
    r.seq,
    r.code.trim(),
    r.venueId,
    r.inspectorId,
    r.temperature,
    r.verdict,
    r.capturedAt,
    r.supersedes ?? null,
  ]);
  return toHex(sha256Sync(utf8(canonical)));
}

/** The one fever rule: at or above the venue's threshold. */
export const isFever = (temperature: number, threshold: number): boolean => temperature >= threshold;
