// Contract tests for the records repository, on SQLite and (when configured) PostgreSQL.

import { expect, it } from 'vitest';
import { DEFAULT_FEVER_THRESHOLD } from '../../shared/records.js';
import type { CheckpointRow } from './records.js';
import { describeStores } from '../testing/stores.js';

let n = 0;
function row(over: Partial<CheckpointRow> = {}): CheckpointRow {
  n += 1;
  const id = `rec-${String(n).padStart(4, '0')}`;
  return {
    id,
    device_id: 'dev-1',
    seq: n,
    batch_id: 'batch-1',
    venue_id: 'v1',
    inspector_id: 'u1',
    code: 'HG1:X',
    sub: `sub-${n}`,
    temperature: 36.5,
    client_verdict: 'green',
    server_verdict: 'green',
    captured_at: 1_000 + n,
    received_at: 5_000,
    day: '2026-11-21',
    supersedes: null,
    content_hash: `hash-${id}`,
    flags: '',
    clock_skew_ms: 0,
    ...over,
  };
}

describeStores('records', (store) => {
  it('marks superseded records by the one rule, changing nothing stored', async () => {
    const s = store();
    const first = row({ sub: 'p1', captured_at: 100, temperature: 38.0 });
    const again = row({ sub: 'p1', captured_at: 200, temperature: 36.6 });
    const other = row({ sub: 'p2', captured_at: 150 });
    const unreadable = row({ sub: null, captured_at: 120, server_verdict: 'malformed' });
    const rescan = row({ sub: 'p3', captured_at: 130, supersedes: unreadable.id });
    const lonelyUnreadable = row({ sub: null, captured_at: 300, server_verdict: 'malformed' });
    const elsewhere = row({ sub: 'p1', captured_at: 400, venue_id: 'v2' });
    // Arrival order is not capture order.
    await s.records.insertRecords([again, elsewhere, rescan, lonelyUnreadable, first, other, unreadable]);
    const marked = await s.records.recordsOfDay('v1', '2026-11-21');
    expect(marked.map((r) => [r.id, r.superseded])).toEqual([
      [first.id, true],
      [unreadable.id, true],
      [rescan.id, false],
      [other.id, false],
      [again.id, false],
      [lonelyUnreadable.id, false],
    ]);
    // The superseded fever reading stays stored as it was; the count uses the latest.
    expect(await s.records.getRecord(first.id)).toMatchObject({ temperature: 38.0 });
    expect(await s.records.dailyCounts('v1', '2026-11-21', DEFAULT_FEVER_THRESHOLD)).toEqual({ people: 3, fever: 0, red: 0, total: 4 });
  });

  it('inserts new rows, skips rows whose id or device+seq is taken, and reports which went in', async () => {
    const s = store();
    const a = row();
    const b = row();
    expect(await s.records.insertRecords([a, b])).toEqual(new Set([a.id, b.id]));

    const sameId = { ...a, content_hash: 'other' };
    const sameSeq = row({ seq: b.seq });
    const fresh = row();
    expect(await s.records.insertRecords([sameId, sameSeq, fresh])).toEqual(new Set([fresh.id]));
    expect(await s.records.countRecords()).toBe(3);
    // Nothing is overwritten by a skipped row.
    expect(await s.records.getRecord(a.id)).toEqual({ sex: null, age_band: null, hour: null, via: 'gate', ...a });
    expect(await s.records.contentHashes([a.id, sameSeq.id, fresh.id])).toEqual(
      new Map([
        [a.id, a.content_hash],
        [fresh.id, fresh.content_hash],
      ]),
    );
  });

  it('inserts more rows than fit in one statement', async () => {
    const s = store();
    const rows = Array.from({ length: 4_000 }, () => row());
    const inserted = await s.records.insertRecords(rows);
    expect(inserted.size).toBe(4_000);
    expect(await s.records.countRecords()).toBe(4_000);
    expect(await s.records.insertRecords(rows)).toEqual(new Set());
    expect((await s.records.contentHashes(rows.map((r) => r.id))).size).toBe(4_000);
  });

  it('keeps the highest sequence and latest contact per device, whatever order batches arrive in', async () => {
    const s = store();
    await s.records.noteDevice({ device_id: 'dev-1', inspector_id: 'u1', max_seq: 40, last_seen_at: 2_000 });
    await s.records.noteDevice({ device_id: 'dev-1', inspector_id: 'u2', max_seq: 12, last_seen_at: 1_000 });
    expect(await s.records.getDevice('dev-1')).toEqual({ device_id: 'dev-1', inspector_id: 'u1', max_seq: 40, last_seen_at: 2_000, trust_version: null, red_list_version: null });
    await s.records.noteDevice({ device_id: 'dev-1', inspector_id: 'u1', max_seq: 41, last_seen_at: 3_000 });
    expect(await s.records.getDevice('dev-1')).toEqual({ device_id: 'dev-1', inspector_id: 'u1', max_seq: 41, last_seen_at: 3_000, trust_version: null, red_list_version: null });
    expect(await s.records.getDevice('dev-2')).toBeUndefined();
  });

  it('gives a device id to the first inspector who claims it, for good', async () => {
    const s = store();
    expect(await s.records.claimDevice('dev-9', 'u1', 1_000)).toBe('u1');
    expect(await s.records.claimDevice('dev-9', 'u2', 2_000)).toBe('u1');
    expect(await s.records.getDevice('dev-9')).toEqual({ device_id: 'dev-9', inspector_id: 'u1', max_seq: -1, last_seen_at: 1_000, trust_version: null, red_list_version: null });
    const raced = await Promise.all([s.records.claimDevice('dev-10', 'u3', 1), s.records.claimDevice('dev-10', 'u4', 1)]);
    expect(raced[0]).toBe(raced[1]);
  });

  it('counts each person once a day by their latest record, by capture time then id', async () => {
    const s = store();
    const rows = [
      // Person A: fever at first, normal on the later scan, which arrives first.
      row({ id: 'a-2', sub: 'A', temperature: 36.6, captured_at: 2_000 }),
      row({ id: 'a-1', sub: 'A', temperature: 38.1, captured_at: 1_000 }),
      // Person B: two scans at the same instant; the larger id is the latest, and it is red.
      row({ id: 'b-1', sub: 'B', temperature: 36.5, captured_at: 1_500 }),
      row({ id: 'b-2', sub: 'B', temperature: 37.3, captured_at: 1_500, server_verdict: 'red' }),
      // Person C: red-listed, normal temperature.
      row({ id: 'c-1', sub: 'C', server_verdict: 'red-listed' }),
      // Two unreadable codes; the second was re-scanned and superseded by D's record.
      row({ id: 'x-1', sub: null, server_verdict: 'malformed' }),
      row({ id: 'x-2', sub: null, server_verdict: 'malformed' }),
      row({ id: 'd-1', sub: 'D', supersedes: 'x-2' }),
      // Other venue and other day do not count.
      row({ id: 'e-1', sub: 'A', venue_id: 'v2', temperature: 39 }),
      row({ id: 'f-1', sub: 'A', day: '2026-11-22', temperature: 39 }),
      row({ id: 'g-1', sub: null, day: '2026-11-22' }),
    ];
    await s.records.insertRecords(rows);
    expect(await s.records.dailyCounts('v1', '2026-11-21', DEFAULT_FEVER_THRESHOLD)).toEqual({ people: 4, fever: 1, red: 2, total: 5 });
    expect(await s.records.dailyCounts('v2', '2026-11-21', DEFAULT_FEVER_THRESHOLD)).toEqual({ people: 1, fever: 1, red: 0, total: 1 });
    expect(await s.records.dailyCounts('v1', '2026-11-22', DEFAULT_FEVER_THRESHOLD)).toEqual({ people: 1, fever: 1, red: 0, total: 2 });
    expect(await s.records.dailyCounts('v1', '2026-11-23', DEFAULT_FEVER_THRESHOLD)).toEqual({ people: 0, fever: 0, red: 0, total: 0 });
  });

  it('rolls back inserted records with the transaction', async () => {
    const s = store();
    await expect(
      s.transaction(async (tx) => {
        await tx.records.insertRecords([row()]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await s.records.countRecords()).toBe(0);
  });
});
