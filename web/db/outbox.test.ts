import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UUID_V7 } from '../../shared/uuid.js';
import { heldVenues } from './venues.js';
import { setMeta } from './db.js';
import { draft, freshDb, testVenue } from './testing.js';
import { acknowledge, addRecord, deviceIdFor, legacyDeviceId, outboxSummary, pendingRecords, pruneReceipts, RecordInvalidError, todayTally } from './outbox.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('outbox', () => {
  it('writes in a strict-durability transaction and resolves with the stored record', async () => {
    // Dexie binds the native transaction() when it opens, so the spy goes in first.
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const db = freshDb();
    const rec = await addRecord(db, draft(), testVenue);
    const rw = spy.mock.calls.filter((c) => c[1] === 'readwrite');
    expect(rw.length).toBeGreaterThan(0);
    for (const call of rw) expect(call[2]).toEqual({ durability: 'strict' });
    expect(rec.id).toMatch(UUID_V7);
    expect(await db.outbox.get(rec.id)).toMatchObject({ ...draft(), id: rec.id, seq: rec.seq });
  });

  it('increments seq per record and keeps counting after the database is reopened', async () => {
    const name = `outbox-reopen-${Math.random()}`;
    const db = freshDb(name);
    const a = await addRecord(db, draft(), testVenue);
    const b = await addRecord(db, draft({ temperature: 37.5, verdict: 'red' }), testVenue);
    expect([a.seq, b.seq]).toEqual([1, 2]);
    const deviceId = await deviceIdFor(db, 'insp-1');
    expect((await db.outbox.get(a.id))?.deviceId).toBe(deviceId);
    db.close();

    const again = freshDb(name);
    expect((await pendingRecords(again, 10)).map((r) => r.id)).toEqual([a.id, b.id]);
    expect(await deviceIdFor(again, 'insp-1')).toBe(deviceId);
    const c = await addRecord(again, draft(), testVenue);
    expect(c.seq).toBe(3);
    expect(await todayTally(again, testVenue.timeZone)).toEqual({ scanned: 3, fever: 1, notGreen: 1 });
  });

  it('gives each inspector on a shared phone a device id and seq counter of their own', async () => {
    const db = freshDb();
    const a1 = await addRecord(db, draft({ inspectorId: 'insp-a' }), testVenue);
    const b1 = await addRecord(db, draft({ inspectorId: 'insp-b' }), testVenue);
    const a2 = await addRecord(db, draft({ inspectorId: 'insp-a' }), testVenue);
    const [idA, idB] = [await deviceIdFor(db, 'insp-a'), await deviceIdFor(db, 'insp-b')];
    expect(idA).toMatch(UUID_V7);
    expect(idB).toMatch(UUID_V7);
    expect(idA).not.toBe(idB);
    expect([a1.seq, a2.seq, b1.seq]).toEqual([1, 2, 1]);
    expect((await db.outbox.bulkGet([a1.id, a2.id, b1.id])).map((r) => r?.deviceId)).toEqual([idA, idA, idB]);
    expect((await pendingRecords(db, 10, 'insp-b')).map((r) => r.id)).toEqual([b1.id]);
    expect((await pendingRecords(db, 10, 'insp-a')).map((r) => r.id)).toEqual([a1.id, a2.id]);
    // The tally is the phone's, whoever took the record.
    expect(await todayTally(db, testVenue.timeZone)).toMatchObject({ scanned: 3 });
  });

  it('leaves a record queued before per-inspector ids under the one device id of then, and starts fresh counters', async () => {
    const db = freshDb();
    await setMeta(db, 'deviceId', 'old-device');
    await setMeta(db, 'seq', 41);
    await db.outbox.add({ ...draft(), id: 'old-record', seq: 41, capturedAt: Date.now(), queuedAt: Date.now() });
    expect(await legacyDeviceId(db)).toBe('old-device');
    const fresh = await addRecord(db, draft(), testVenue);
    expect(fresh.seq).toBe(1);
    expect(await deviceIdFor(db, 'insp-1')).not.toBe('old-device');
    expect((await db.outbox.get('old-record'))?.deviceId).toBeUndefined();
  });

  it("counts today and fever by the venue's rules: its time zone's day, its threshold", async () => {
    const db = freshDb();
    // 2024-03-01 17:30 UTC is already 2 March in Shanghai, still 1 March in London.
    const at = Date.UTC(2024, 2, 1, 17, 30);
    const shanghai = { timeZone: 'Asia/Shanghai', feverThreshold: 37.3 };
    const london = { timeZone: 'Europe/London', feverThreshold: 38.0 };
    await addRecord(db, draft({ temperature: 37.5 }), shanghai, at);
    await addRecord(db, draft({ temperature: 37.5 }), london, at);
    await addRecord(db, draft({ temperature: 38.0 }), london, at);
    expect(await todayTally(db, 'Asia/Shanghai', at)).toEqual({ scanned: 1, fever: 1, notGreen: 0 });
    expect(await todayTally(db, 'Europe/London', at)).toEqual({ scanned: 2, fever: 1, notGreen: 0 });
    expect(await db.meta.get('tally:2024-03-02')).toBeDefined();
    expect(await db.meta.get('tally:2024-03-01')).toBeDefined();
  });

  it('gives venues held from before venues had rules the shared defaults', async () => {
    const db = freshDb();
    await setMeta(db, 'venues', [{ id: 'v-old', name: 'Old' }, { id: 'v-new', name: 'New', timeZone: 'Europe/London', feverThreshold: 38 }]);
    await setMeta(db, 'venueId', 'v-old');
    expect(await heldVenues(db)).toEqual({
      venues: [
        { id: 'v-old', name: 'Old', ...testVenue },
        { id: 'v-new', name: 'New', timeZone: 'Europe/London', feverThreshold: 38 },
      ],
      pickedId: 'v-old',
    });
  });

  it('refuses an out-of-range temperature before writing anything', async () => {
    const db = freshDb();
    for (const temperature of [29.9, 45.1, Number.NaN]) {
      await expect(addRecord(db, draft({ temperature }), testVenue)).rejects.toBeInstanceOf(RecordInvalidError);
    }
    await expect(addRecord(db, draft({ code: '' }), testVenue)).rejects.toBeInstanceOf(RecordInvalidError);
    expect(await db.outbox.count()).toBe(0);
    expect(await todayTally(db, testVenue.timeZone)).toEqual({ scanned: 0, fever: 0, notGreen: 0 });
    expect((await addRecord(db, draft({ temperature: 45 }), testVenue)).seq).toBe(1);
  });

  it('moves only acknowledged ids: receipts, rejected with reason, the rest stays', async () => {
    const db = freshDb();
    const [a, b, c] = [await addRecord(db, draft(), testVenue), await addRecord(db, draft(), testVenue), await addRecord(db, draft(), testVenue)];
    const counts = await acknowledge(db, [
      { id: a.id, status: 'accepted', flags: [] },
      { id: b.id, status: 'rejected', reason: 'not-bound-to-venue' },
      { id: 'someone-elses', status: 'duplicate' },
    ]);
    expect(counts).toEqual({ acked: 1, rejected: 1 });
    expect((await pendingRecords(db, 10)).map((r) => r.id)).toEqual([c.id]);
    expect(await db.receipts.get(a.id)).toMatchObject({ status: 'accepted' });
    expect(await db.rejected.get(b.id)).toMatchObject({ reason: 'not-bound-to-venue', record: { id: b.id } });
    expect(await outboxSummary(db)).toEqual({ pending: 1, oldestCapturedAt: c.capturedAt });
  });

  it('prunes receipts after a few days', async () => {
    const db = freshDb();
    const a = await addRecord(db, draft(), testVenue);
    await acknowledge(db, [{ id: a.id, status: 'duplicate' }], Date.now() - 4 * 86_400_000);
    const b = await addRecord(db, draft(), testVenue);
    await acknowledge(db, [{ id: b.id, status: 'duplicate' }]);
    expect(await pruneReceipts(db)).toBe(1);
    expect(await db.receipts.count()).toBe(1);
  });
});
