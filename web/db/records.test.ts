import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { PersonRecords } from '../../shared/api/records.js';
import { cachedRecords, dropDisplays, forgetRecords, markDisplayOffline, pendingDisplays, queueDisplay, saveRecords } from './records.js';
import { freshDb } from './testing.js';

const display = (id: string, shownAt: number) => ({ id, shownAt, status: 'green' as const, offline: false });
const records = { personId: 'p1', maskedName: '张*明', tests: [] } as unknown as PersonRecords;

describe('records on the phone', () => {
  it('keeps each account’s records until sign-out forgets them', async () => {
    const db = freshDb();
    await saveRecords(db, 'u1', records, 1000);
    expect(await cachedRecords(db, 'u1')).toEqual({ records, fetchedAt: 1000 });
    expect(await cachedRecords(db, 'u2')).toBeUndefined();
    await forgetRecords(db, 'u1');
    expect(await cachedRecords(db, 'u1')).toBeUndefined();
  });

  it('keeps a family member’s records apart from the account’s own, and forgets them at sign-out too', async () => {
    const db = freshDb();
    const child = { ...records, personId: 'p-child' };
    await saveRecords(db, 'u1', records, 1000);
    await saveRecords(db, 'u1', child, 2000, 'p-child');
    await saveRecords(db, 'u10', records, 3000, 'p-child');
    expect(await cachedRecords(db, 'u1', 'p-child')).toEqual({ records: child, fetchedAt: 2000 });
    expect(await cachedRecords(db, 'u1')).toEqual({ records, fetchedAt: 1000 });
    await forgetRecords(db, 'u1');
    expect(await cachedRecords(db, 'u1', 'p-child')).toBeUndefined();
    expect(await cachedRecords(db, 'u1')).toBeUndefined();
    // Another account whose id starts the same is not touched.
    expect(await cachedRecords(db, 'u10', 'p-child')).toEqual({ records, fetchedAt: 3000 });
  });

  it('queues displays per account, marks one offline, and drops only the acknowledged ones', async () => {
    const db = freshDb();
    await queueDisplay(db, 'u1', display('a', 1));
    await queueDisplay(db, 'u1', display('b', 2));
    await queueDisplay(db, 'u2', display('c', 3));
    await markDisplayOffline(db, 'u1', 'b');
    expect(await pendingDisplays(db, 'u1')).toEqual([display('a', 1), { ...display('b', 2), offline: true }]);
    await dropDisplays(db, 'u1', ['a', 'c']);
    expect((await pendingDisplays(db, 'u1')).map((d) => d.id)).toEqual(['b']);
    expect((await pendingDisplays(db, 'u2')).map((d) => d.id)).toEqual(['c']);
    await dropDisplays(db, 'u1', ['b']);
    expect(await pendingDisplays(db, 'u1')).toEqual([]);
  });

  it('keeps at most the newest 500 displays', async () => {
    const db = freshDb();
    for (let i = 0; i < 505; i++) await queueDisplay(db, 'u1', display(`d${i}`, i));
    const left = await pendingDisplays(db, 'u1');
    expect([left.length, left[0]?.id, left.at(-1)?.id]).toEqual([500, 'd5', 'd504']);
  });
});
