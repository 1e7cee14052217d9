// GET /api/venues/:id/stats through the real app: who may ask, bad input, what the numbers are
// (latest record per person and day, in the venue's zone), recounting after a merge, and that no
// answer carries a name, a phone number or a document number.

import { expect, it } from 'vitest';
import { pathOf } from '../../shared/api/contract.js';
import { statsApi, type VenueStats } from '../../shared/api/stats.js';
import { T0 } from '../../shared/testing.js';
import type { CheckpointRow } from '../store/records.js';
import type { Store } from '../store/store.js';
import { seedPeople, signInAs, testServer, type TestServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';
import { inspectorLabel } from './counts.js';

const TODAY = '2026-11-21'; // T0 is 16:00 in Shanghai
const HOUR = 3_600_000;
let n = 0;
function row(over: Partial<CheckpointRow> = {}): CheckpointRow {
  n += 1;
  return {
    id: `r-${String(n).padStart(6, '0')}`,
    device_id: 'dev-1',
    seq: n,
    batch_id: 'b',
    venue_id: 'venue-demo',
    inspector_id: 'u-insp',
    code: 'HG1:X',
    sub: `sub-${n}`,
    temperature: 36.5,
    client_verdict: 'green',
    server_verdict: 'green',
    captured_at: T0 - HOUR,
    received_at: T0,
    day: TODAY,
    hour: 15,
    sex: 'male',
    age_band: '30-39',
    supersedes: null,
    content_hash: `h-${n}`,
    flags: '',
    clock_skew_ms: 0,
    ...over,
  };
}

async function store(s: Store, rows: CheckpointRow[]): Promise<void> {
  await s.records.insertRecords(rows);
  await s.stats.markDaysChanged(rows.map((r) => ({ venueId: r.venue_id, day: r.day })));
}

async function setup(s: Store): Promise<{ t: TestServer; manager: string }> {
  const t = await testServer(s);
  await seedPeople(s);
  await s.stats.setVenueManager('venue-demo', 'u-mgr');
  return { t, manager: await signInAs(t, s, '+8613800000004') };
}

const url = (venue: string, query: string) => `${pathOf(statsApi.venueStats.path, { id: venue })}?${query}`;
async function get(t: TestServer, cookie: string | undefined, venue: string, query: string): Promise<Response> {
  return t.app.request(url(venue, query), { headers: cookie ? { cookie } : {} });
}

describeStores('venue statistics route', (getStore) => {
  it('answers the venue’s manager and an admin; not another venue’s manager, inspectors, holders or strangers', async () => {
    const s = getStore();
    const { t, manager } = await setup(s);
    await s.accounts.createUser({ id: 'u-admin', phone: '+8613800000005', role: 'admin', person_id: null, created_at: 1 });
    await s.accounts.createUser({ id: 'u-mgr2', phone: '+8613800000006', role: 'manager', person_id: null, created_at: 1 });
    await s.stats.setVenueManager('venue-other', 'u-mgr2');
    const q = `from=${TODAY}&to=${TODAY}`;
    expect((await get(t, manager, 'venue-demo', q)).status).toBe(200);
    expect((await get(t, await signInAs(t, s, '+8613800000005'), 'venue-demo', q)).status).toBe(200);
    const other = await signInAs(t, s, '+8613800000006');
    expect((await get(t, other, 'venue-demo', q)).status).toBe(403);
    expect((await get(t, other, 'venue-other', q)).status).toBe(200);
    // Whether a venue exists is nobody else's business: a manager gets 403 for an unknown one too.
    expect((await get(t, manager, 'no-such-venue', q)).status).toBe(403);
    for (const phone of ['+8613800000001', '+8613800000002']) {
      const res = await get(t, await signInAs(t, s, phone), 'venue-demo', q);
      expect(res.status, phone).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect((await get(t, undefined, 'venue-demo', q)).status).toBe(401);
  });

  it('lists the venues one may see: a manager their own, an admin every one', async () => {
    const s = getStore();
    const { t, manager } = await setup(s);
    await s.accounts.createUser({ id: 'u-admin', phone: '+8613800000005', role: 'admin', person_id: null, created_at: 1 });
    const list = async (cookie: string) => (await t.app.request(statsApi.venues.path, { headers: { cookie } })).json();
    expect(await list(manager)).toEqual({ venues: [{ id: 'venue-demo', name: '示范商场 Demo Mall', timeZone: 'Asia/Shanghai' }] });
    expect(((await list(await signInAs(t, s, '+8613800000005'))) as { venues: { id: string }[] }).venues.map((v) => v.id)).toEqual(['venue-other', 'venue-demo']);
    expect((await t.app.request(statsApi.venues.path, { headers: { cookie: await signInAs(t, s, '+8613800000001') } })).status).toBe(403);
    expect((await t.app.request(statsApi.venues.path)).status).toBe(401);
  });

  it('refuses bad days, reversed or over-long ranges, bad times and unknown fields', async () => {
    const s = getStore();
    const { t, manager } = await setup(s);
    const code = async (q: string) => ((await (await get(t, manager, 'venue-demo', q)).json()) as { error?: { code: string } }).error?.code;
    expect(await code('from=2026-11-21')).toBe('validation_failed');
    expect(await code('from=2026-11-31&to=2026-12-01')).toBe('validation_failed');
    expect(await code('from=21.11.2026&to=2026-11-21')).toBe('validation_failed');
    expect(await code('from=2026-11-21&to=2026-11-21&since=24:00')).toBe('validation_failed');
    expect(await code('from=2026-11-21&to=2026-11-21&venue=venue-other')).toBe('unknown_field');
    expect(await code('from=2026-11-22&to=2026-11-21')).toBe('stats_range_invalid');
    expect(await code('from=2025-11-20&to=2026-11-21')).toBe('stats_range_invalid');
    expect((await get(t, manager, 'venue-demo', 'from=2025-11-21&to=2026-11-21')).status).toBe(200);
    expect((await get(t, manager, 'venue-demo', 'from=2025-11-20&to=2026-11-21')).status).toBe(400);
  });

  it('counts each person once a day by their latest record, in the venue’s day, and recounts after new records', async () => {
    const s = getStore();
    const { t, manager } = await setup(s);
    // 7 people today at 15:xx; one of them first had a fever, then a normal re-check (the later counts).
    const people = Array.from({ length: 7 }, (_, i) => row({ sub: `p${i}`, sex: i < 5 ? 'male' : 'female' }));
    await store(s, [...people, row({ sub: 'p0', temperature: 38.2, captured_at: T0 - 2 * HOUR, hour: 14 })]);
    // Yesterday and another venue do not count today.
    await store(s, [row({ day: '2026-11-20' }), row({ venue_id: 'venue-other' })]);
    const res = await get(t, manager, 'venue-demo', `from=2026-11-20&to=${TODAY}`);
    const body = (await res.json()) as VenueStats;
    expect(body.today).toMatchObject({ day: TODAY, people: 7, fever: '<5', hours: expect.any(Array) });
    expect(body.today.hours[15]).toBe(7);
    expect(body.today.hours[14]).toBe('<5');
    expect(body.today.sex).toEqual({ male: 'hidden', female: '<5', unknown: '<5' }); // 7 − 5 would give the 2 women away
    expect(body.today.inspectors).toEqual([{ label: inspectorLabel('venue-demo', 'u-insp'), count: 7 }]);
    expect(body.days.map((d) => [d.day, d.people])).toEqual([['2026-11-20', '<5'], [TODAY, 7]]);
    expect(body.range.people).toEqual({ n: 7, partial: true });
    expect(body.checkedSince).toEqual({ since: '00:00', inspectors: [{ label: inspectorLabel('venue-demo', 'u-insp'), count: 7 }] });

    // Two more people, synced later: the day is counted again.
    await store(s, [row({ sub: 'p7', sex: 'female' }), row({ sub: 'p8', sex: 'female' })]);
    const again = (await (await get(t, manager, 'venue-demo', `from=${TODAY}&to=${TODAY}`)).json()) as VenueStats;
    expect(again.today.people).toBe(9);
    expect(again.today.sex).toEqual({ male: 'hidden', female: '<5', unknown: '<5' });
    // 15:00 local is 07:00 UTC: everyone above was captured at 07:00 UTC (T0 − 1 h), p0's latest too.
    const since = (await (await get(t, manager, 'venue-demo', `from=${TODAY}&to=${TODAY}&since=15:10`)).json()) as VenueStats;
    expect(since.checkedSince).toEqual({ since: '15:00', inspectors: [{ label: inspectorLabel('venue-demo', 'u-insp'), count: 9 }] });
    const later = (await (await get(t, manager, 'venue-demo', `from=${TODAY}&to=${TODAY}&since=15:15`)).json()) as VenueStats;
    expect(later.checkedSince).toEqual({ since: '15:15', inspectors: [] });
  });

  it('carries no name, phone number or document number of anyone', async () => {
    const s = getStore();
    const { t, manager } = await setup(s);
    await s.people.createPerson({ id: 'p-doc', sub: 'c3ViLWRvYw', name: '王五', document_no: '110101199005011234', status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    await store(s, Array.from({ length: 6 }, (_, i) => row({ sub: i === 0 ? 'c3ViLWRvYw' : `q${i}` })));
    const text = await (await get(t, manager, 'venue-demo', `from=${TODAY}&to=${TODAY}`)).text();
    for (const secret of ['王五', '张小明', '李红', '110101199005011234', '13800000001', '13800000002', 'u-insp', 'c3ViLWRvYw']) expect(text).not.toContain(secret);
  });
});
