import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { checksToday, logRefused, refusedToday } from './gate-log.js';
import { acknowledge, addRecord, todayTally } from './outbox.js';
import { draft, freshDb, testVenue } from './testing.js';

// 2026-03-10 09:00 in Shanghai (01:00 UTC); the day before ends 16:00 UTC on the 9th.
const MORNING = Date.UTC(2026, 2, 10, 1, 0);

describe('the gate log of today', () => {
  it('lists today’s checks whatever became of them, newest first, and not yesterday’s', async () => {
    const db = freshDb();
    const yesterday = await addRecord(db, draft({ code: 'HG1:OLD' }), testVenue, MORNING - 10 * 3600_000);
    const first = await addRecord(db, draft({ code: 'HG1:FIRST' }), testVenue, MORNING);
    const second = await addRecord(db, draft({ code: 'HG1:SECOND', verdict: 'red' }), testVenue, MORNING + 60_000);
    const third = await addRecord(db, draft({ code: 'HG1:THIRD' }), testVenue, MORNING + 120_000);
    await acknowledge(
      db,
      [
        { id: first.id, status: 'accepted', flags: [] },
        { id: second.id, status: 'rejected', reason: 'conflict' },
        { id: yesterday.id, status: 'duplicate' },
      ],
      MORNING + 180_000,
    );
    const list = await checksToday(db, testVenue.timeZone, MORNING + 200_000);
    expect(list.map((c) => [c.record.code, c.state])).toEqual([
      ['HG1:THIRD', 'pending'],
      ['HG1:SECOND', 'rejected'],
      ['HG1:FIRST', 'uploaded'],
    ]);
    expect(list[0]!.record.id).toBe(third.id);
    expect((await checksToday(db, testVenue.timeZone, MORNING + 200_000, 2)).map((c) => c.record.code)).toEqual(['HG1:THIRD', 'HG1:SECOND']);
  });

  it('keeps refused entries per day, apart from the checks and the tally', async () => {
    const db = freshDb();
    await addRecord(db, draft(), testVenue, MORNING);
    await logRefused(db, { at: MORNING + 1000, venueId: 'venue-1', verdict: 'bad-signature', codeTail: 'Q2X' }, testVenue.timeZone);
    await logRefused(db, { at: MORNING + 2000, venueId: 'venue-1', verdict: 'malformed', codeTail: 'ZZ' }, testVenue.timeZone);
    expect((await refusedToday(db, testVenue.timeZone, MORNING + 3000)).map((r) => r.verdict)).toEqual(['bad-signature', 'malformed']);
    expect(await refusedToday(db, testVenue.timeZone, MORNING + 24 * 3600_000)).toEqual([]);
    expect(await todayTally(db, testVenue.timeZone, MORNING + 3000)).toEqual({ scanned: 1, fever: 0, notGreen: 0 });
    expect((await checksToday(db, testVenue.timeZone, MORNING + 3000)).length).toBe(1);
  });
});
