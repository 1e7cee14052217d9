import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CheckpointRecordSchema, recordContentHash, SyncBatchSchema, type CheckpointRecord } from './records.js';
import { T0 } from './testing.js';
import { uuidv7, UUID_V7 } from './uuid.js';

const record = (over: Partial<CheckpointRecord> = {}): CheckpointRecord => ({
  id: uuidv7(T0),
  seq: 1,
  code: 'HG1:ABC',
  venueId: 'venue-1',
  inspectorId: 'u-1',
  temperature: 36.6,
  verdict: 'green',
  capturedAt: T0,
  ...over,
});

describe('records', () => {
  it('accepts a good record and batch', () => {
    expect(v.safeParse(CheckpointRecordSchema, record()).success).toBe(true);
    const batch = { deviceId: 'd1', batchId: uuidv7(), sentAt: T0, records: [record()] };
    expect(v.safeParse(SyncBatchSchema, batch).success).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['temperature below 30.0', { temperature: 29.9 }],
    ['temperature above 45.0', { temperature: 45.1 }],
    ['temperature not a number', { temperature: '36.6' }],
    ['an unknown field', { note: 'hi' }],
    ['a v4 id', { id: '3b241101-e2bb-4255-8caf-4136c566a962' }],
    ['an unknown verdict', { verdict: 'blue' }],
    ['a negative seq', { seq: -1 }],
    ['a code longer than 1024', { code: 'H'.repeat(1025) }],
  ])('rejects %s', (_, over) => {
    expect(v.safeParse(CheckpointRecordSchema, { ...record(), ...over }).success).toBe(false);
  });

  it('rejects empty, oversized and unknown-field batches', () => {
    const base = { deviceId: 'd1', batchId: uuidv7(), sentAt: T0 };
    expect(v.safeParse(SyncBatchSchema, { ...base, records: [] }).success).toBe(false);
    expect(v.safeParse(SyncBatchSchema, { ...base, records: Array.from({ length: 501 }, () => record()) }).success).toBe(false);
    expect(v.safeParse(SyncBatchSchema, { ...base, records: [record()], extra: 1 }).success).toBe(false);
  });

  it('hashes content so that only a real change differs', async () => {
    const r = record();
    expect(recordContentHash({ ...r })).toBe(recordContentHash(r));
    expect(recordContentHash({ ...r, temperature: 36.7 })).not.toBe(recordContentHash(r));
  });

  it('makes time-ordered UUIDv7 ids', () => {
    const a = uuidv7(T0);
    const b = uuidv7(T0 + 1);
    expect(a).toMatch(UUID_V7);
    expect(a < b).toBe(true);
  });
});
