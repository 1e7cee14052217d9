import { expect, it } from 'vitest';
import { DEFAULT_FEVER_THRESHOLD } from '../../shared/records.js';
import { describeStores } from '../testing/stores.js';
import type { CheckpointRow } from './records.js';

let n = 0;
function record(over: Partial<CheckpointRow> = {}): CheckpointRow {
  n += 1;
  const id = `0000-rec-${String(n).padStart(4, '0')}`;
  return {
    id,
    device_id: 'dev-1',
    seq: n,
    batch_id: 'b',
    venue_id: 'v1',
    inspector_id: 'insp-1',
    code: 'HG1:X',
    sub: `sub-${n}`,
    temperature: 36.5,
    client_verdict: 'green',
    server_verdict: 'green',
    captured_at: 1_000 + n,
    received_at: 9_000,
    day: '2026-11-21',
    hour: 10,
    sex: 'male',
    age_band: '30-39',
    supersedes: null,
    content_hash: `h-${id}`,
    flags: '',
    clock_skew_ms: 0,
    ...over,
  };
}
const checkin = (id: string, sub: string, at: number, over: Record<string, unknown> = {}) => ({
  id,
  user_id: `u-${sub}`,
  sub,
  venue_id: 'v1',
  inspector_tag: 'ABC234',
  inspector_id: 'insp-2',
  day: '2026-11-21',
  hour: 11,
  sex: 'female' as const,
  age_band: '18-29',
  captured_at: at,
  received_at: at + 5,
  code_kid: 'kid',
  ...over,
});

describeStores('check-ins store', (store) => {
  it('inserts a check-in once per id and lists a venue day oldest first', async () => {
    const s = store();
    const row = (id: string, at: number, venue = 'v1', day = '2026-11-21') => ({ id, user_id: 'u1', sub: 'sub-1', venue_id: venue, inspector_tag: 'ABC234', day, captured_at: at, received_at: at + 5, code_kid: 'kid' });
    expect(await s.checkins.insert(row('b', 20))).toBe(true);
    expect(await s.checkins.insert(row('a', 10))).toBe(true);
    expect(await s.checkins.insert({ ...row('a', 99), user_id: 'u2' })).toBe(false);
    await s.checkins.insert(row('c', 5, 'v2'));
    await s.checkins.insert(row('d', 5, 'v1', '2026-11-22'));
    expect((await s.checkins.ofVenueDay('v1', '2026-11-21')).map((r) => [r.id, r.captured_at, r.user_id])).toEqual([['a', 10, 'u1'], ['b', 20, 'u1']]);
    expect(await s.checkins.get('a')).toMatchObject({ received_at: 15, code_kid: 'kid' });
    expect(await s.checkins.get('zz')).toBeUndefined();
    // In bulk: stored ids are skipped, the rest go in with what they count as.
    await s.checkins.insertMany([{ ...row('a', 1), user_id: 'u9' }, { ...row('e', 30), sex: 'female', hour: 9 }]);
    expect((await s.checkins.ofVenueDay('v1', '2026-11-21')).map((r) => [r.id, r.user_id, r.sex, r.hour])).toEqual([['a', 'u1', null, null], ['b', 'u1', null, null], ['e', 'u1', 'female', 9]]);
  });
});

describeStores('check-ins in the counts', (store) => {
  it('count as a normal-temperature check of the visitor, in the supersede rule with gate records', async () => {
    const s = store();
    // p1: a fever at the gate, then a check-in later that day — the check-in counts.
    // p2: a check-in, then a gate check later — the gate check counts.
    // p3: a check-in only, red when it arrived, with no inspector known (the code's tag stands in).
    const fever = record({ sub: 'p1', captured_at: 100, temperature: 38.2 });
    const gate = record({ sub: 'p2', captured_at: 300 });
    await s.records.insertRecords([fever, gate, record({ sub: 'p4', venue_id: 'v2' })]);
    await s.checkins.insert(checkin('ck-1', 'p1', 200));
    await s.checkins.insert(checkin('ck-2', 'p2', 250));
    await s.checkins.insert(checkin('ck-3', 'p3', 400, { status: 'red', inspector_id: null, sex: null, age_band: null }));
    await s.checkins.insert(checkin('ck-4', 'p5', 400, { venue_id: 'v2' }));
    await s.checkins.insert(checkin('ck-5', 'p6', 400, { day: '2026-11-22' }));

    const counted = await s.stats.countedRecords('v1', '2026-11-21');
    const sorted = counted.map((r) => [r.via, r.inspector_id, r.temperature, r.server_verdict, r.sex, r.age_band, r.hour]).sort((a, b) => String(a).localeCompare(String(b)));
    expect(sorted).toEqual([
      ['checkin', 'ABC234', null, 'red', null, null, 11],
      ['checkin', 'insp-2', null, 'green', 'female', '18-29', 11],
      ['gate', 'insp-1', 36.5, 'green', 'male', '30-39', 10],
    ]);
    // The fever reading is superseded by the later check-in; stored as it was.
    expect((await s.records.recordsOfDay('v1', '2026-11-21')).map((r) => [r.id, r.superseded])).toEqual([
      [fever.id, true],
      [gate.id, false],
    ]);
    expect(await s.records.dailyCounts('v1', '2026-11-21', DEFAULT_FEVER_THRESHOLD)).toEqual({ people: 3, fever: 0, red: 1, total: 3 });
    // Codes checked since: gate checks only, each person by their latest.
    expect(await s.stats.checkedSince('v1', '2026-11-21', 0)).toEqual(new Map([['insp-1', 1]]));
  });

  it('a check-in and a gate record at the same instant: the later id counts', async () => {
    const s = store();
    await s.records.insertRecords([record({ id: 'zz-gate', sub: 'p1', captured_at: 500 })]);
    await s.checkins.insert(checkin('aa-checkin', 'p1', 500));
    expect((await s.stats.countedRecords('v1', '2026-11-21')).map((r) => r.via)).toEqual(['gate']);
  });
});
