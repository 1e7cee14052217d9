// The recounter keeps venue days' cached counts current off the request path: a merge or a
// check-in hands over the days it changed, they are counted a moment later (once for a burst), the
// minute sweep counts stale days nobody handed over — and the dashboard then finds them current.

import { expect, it } from 'vitest';
import { userActor } from '../auth/actor.js';
import type { CheckpointRow } from '../store/records.js';
import type { Store } from '../store/store.js';
import { describeStores } from '../testing/stores.js';
import { DayRecounter } from './recounter.js';
import { StatsService } from './service.js';

const ADMIN = userActor('admin', 'admin', null);
let n = 0;
function row(day: string, over: Partial<CheckpointRow> = {}): CheckpointRow {
  n += 1;
  return {
    id: `r-${String(n).padStart(5, '0')}`,
    device_id: 'dev',
    seq: n,
    batch_id: 'b',
    venue_id: 'v1',
    inspector_id: 'i1',
    code: 'HG1:X',
    sub: `s-${n}`,
    temperature: 36.5,
    client_verdict: 'green',
    server_verdict: 'green',
    captured_at: Date.parse(`${day}T10:00:00+08:00`) + n,
    received_at: 0,
    day,
    hour: 10,
    sex: 'male',
    age_band: '30-39',
    supersedes: null,
    content_hash: 'h',
    flags: '',
    clock_skew_ms: 0,
    ...over,
  };
}

async function seed(s: Store, days: Record<string, number>): Promise<void> {
  await s.venues.createVenue({ id: 'v1', name: 'One', created_at: 1 });
  await s.venues.createVenue({ id: 'v2', name: 'Two', created_at: 1 });
  for (const [day, count] of Object.entries(days)) {
    const rows = Array.from({ length: count }, () => row(day));
    await s.records.insertRecords(rows);
    await s.stats.markDaysChanged([{ venueId: 'v1', day }]);
  }
}

describeStores('day recounter', (store) => {
  it('counts the days it is told about a moment later, once for a burst, and the dashboard finds them current', async () => {
    const s = store();
    await seed(s, { '2026-11-20': 6, '2026-11-21': 7 });
    const stats = new StatsService(s, () => Date.parse('2026-11-21T12:00:00+08:00'));
    const recounter = new DayRecounter(stats, { delayMs: 20 });
    const counted: string[] = [];
    const countedRecords = s.stats.countedRecords.bind(s.stats);
    s.stats.countedRecords = async (venueId, day) => {
      counted.push(day);
      return countedRecords(venueId, day);
    };
    recounter.changed([{ venueId: 'v1', day: '2026-11-21' }]);
    recounter.changed([{ venueId: 'v1', day: '2026-11-21' }, { venueId: 'v1', day: '2026-11-20' }]);
    await expect.poll(async () => (await s.stats.staleDays('v1', '2026-11-20', '2026-11-21')).size, { timeout: 5000 }).toBe(0);
    await recounter.close();
    expect(counted.sort()).toEqual(['2026-11-20', '2026-11-21']);
    // The dashboard reads the precomputed rows: nothing is counted again.
    const answer = await stats.venueStats(ADMIN, 'v1', '2026-11-20', '2026-11-21');
    expect(answer.days.map((d) => d.people)).toEqual([6, 7]);
    expect(counted).toHaveLength(2);
    // A day changed again and not yet recounted is counted by the read itself: never stale numbers.
    await s.records.insertRecords([row('2026-11-21')]);
    await s.stats.markDaysChanged([{ venueId: 'v1', day: '2026-11-21' }]);
    expect((await stats.venueStats(ADMIN, 'v1', '2026-11-20', '2026-11-21')).today.people).toBe(8);
    expect(counted).toHaveLength(3);
  });

  it('sweeps stale days of any venue, oldest first, a limited number at a time', async () => {
    const s = store();
    await seed(s, { '2026-11-18': 5, '2026-11-19': 5, '2026-11-20': 5 });
    await s.stats.markDaysChanged([{ venueId: 'v2', day: '2026-11-19' }]);
    const recounter = new DayRecounter(new StatsService(s), { delayMs: 'manual', sweepLimit: 2 });
    expect(await s.stats.staleDaysAnyVenue(10)).toEqual([
      { venueId: 'v1', day: '2026-11-18', changed: 1 },
      { venueId: 'v1', day: '2026-11-19', changed: 1 },
      { venueId: 'v2', day: '2026-11-19', changed: 1 },
      { venueId: 'v1', day: '2026-11-20', changed: 1 },
    ]);
    expect(await recounter.sweep()).toBe(2);
    expect((await s.stats.staleDaysAnyVenue(10)).map((d) => `${d.venueId} ${d.day}`)).toEqual(['v2 2026-11-19', 'v1 2026-11-20']);
    expect(await recounter.sweep()).toBe(2);
    expect(await recounter.sweep()).toBe(0);
    expect((await s.stats.dayCounts('v1', '2026-11-20', '2026-11-20')).find((c) => c.dim === 'people')?.n).toBe(5);
    // Manual: told about a day, it waits for flush().
    await s.records.insertRecords([row('2026-11-20')]);
    await s.stats.markDaysChanged([{ venueId: 'v1', day: '2026-11-20' }]);
    recounter.changed([{ venueId: 'v1', day: '2026-11-20' }]);
    await new Promise((r) => setTimeout(r, 50));
    expect((await s.stats.staleDays('v1', '2026-11-20', '2026-11-20')).size).toBe(1);
    await recounter.flush();
    expect((await s.stats.staleDays('v1', '2026-11-20', '2026-11-20')).size).toBe(0);
  });

  it('logs a failed recount and goes on (the read path counts the day later)', async () => {
    const s = store();
    await seed(s, { '2026-11-21': 5 });
    const lines: string[] = [];
    const stats = new StatsService(s);
    const recounter = new DayRecounter(stats, { delayMs: 'manual', log: (l) => lines.push(l) });
    const real = s.stats.countedRecords.bind(s.stats);
    s.stats.countedRecords = async () => {
      throw new Error('disk on fire');
    };
    recounter.changed([{ venueId: 'v1', day: '2026-11-21' }]);
    await recounter.flush();
    expect(lines).toEqual(['recount of v1 2026-11-21 failed: disk on fire']);
    s.stats.countedRecords = real;
    expect((await stats.publishedDays((await s.venues.getVenue('v1'))!, '2026-11-21', '2026-11-21'))[0]!.people).toBe(5);
  });
});
