// CheckpointMerge.mergeBatch on a real store (SQLite, and PostgreSQL when configured) with real
// signed codes: every result the contract names, and that nothing refused is ever stored.

import { beforeAll, beforeEach, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { CLOCK_SKEW_FLAG_MS, DEFAULT_FEVER_THRESHOLD, MAX_FUTURE_SKEW_MS, MAX_RECORD_AGE_MS } from '../../shared/records.js';
import { makeTestIssuer, T0, type TestIssuer } from '../../shared/testing.js';
import type { Store } from '../store/store.js';
import { describeStores } from '../testing/stores.js';
import { userActor } from '../auth/actor.js';
import { CheckpointMerge } from './merge.js';
import { BINDING_TOLERANCE_MS } from './rules.js';
import { DAY, forge, HOUR, INSPECTOR, NOW, OTHER_INSPECTOR, OTHER_VENUE, RecordMaker, seedVenues, testVerifier, VENUE } from '../testing/checkpoints.js';

let issuer: TestIssuer;
let green: string;
let sub: string;
beforeAll(async () => {
  issuer = await makeTestIssuer();
  green = await issuer.issue({}, T0 - HOUR);
  const v = await testVerifier(issuer).verify(green, NOW);
  if (v.kind !== 'green') throw new Error(`fixture code is ${v.kind}`);
  sub = v.code.sub;
});

describeStores('sync merge', (store) => {
  let sync: CheckpointMerge;
  let make: RecordMaker;
  beforeEach(async () => {
    await seedVenues(store());
    sync = new CheckpointMerge(store(), testVerifier(issuer), { now: () => NOW });
    make = new RecordMaker();
  });
  const count = () => store().records.countRecords();

  it('accepts a record, re-verifies its code and stores what the server found', async () => {
    const r = make.record(green, { temperature: 37.6 });
    expect(await sync.mergeBatch(make.batch([r]), INSPECTOR)).toEqual({ results: [{ id: r.id, status: 'accepted', flags: [] }] });
    expect(await store().records.getRecord(r.id)).toMatchObject({
      device_id: 'device-1',
      seq: 1,
      venue_id: VENUE,
      inspector_id: INSPECTOR.id,
      sub,
      temperature: 37.6,
      client_verdict: 'green',
      server_verdict: 'green',
      captured_at: r.capturedAt,
      received_at: NOW,
      // T0 is 08:00 UTC: 15:50 the same day at +08:00.
      day: '2026-11-21',
      supersedes: null,
      flags: '',
      clock_skew_ms: 0,
    });
    expect(await store().records.getDevice('device-1')).toEqual({ device_id: 'device-1', inspector_id: INSPECTOR.id, max_seq: 1, last_seen_at: NOW, trust_version: null, red_list_version: null });
    expect(await store().records.dailyCounts(VENUE, '2026-11-21', DEFAULT_FEVER_THRESHOLD)).toEqual({ people: 1, fever: 1, red: 0, total: 1 });
  });

  it("puts a record on the local day of its capture time in its venue's time zone", async () => {
    // 16:30 UTC is 00:30 the next day in Shanghai (the default zone), and still the same day in UTC.
    const r = make.record(green, { capturedAt: Date.UTC(2026, 10, 20, 16, 30) });
    await sync.mergeBatch(make.batch([r]), INSPECTOR);
    expect((await store().records.getRecord(r.id))?.day).toBe('2026-11-21');
    await store().venues.createVenue({ id: 'venue-utc', name: 'Harbour Office', created_at: T0, time_zone: 'UTC' });
    await store().venues.bindInspector(INSPECTOR.id, 'venue-utc', T0 - DAY);
    const s = make.record(green, { capturedAt: Date.UTC(2026, 10, 20, 16, 30), venueId: 'venue-utc' });
    await sync.mergeBatch(make.batch([s]), INSPECTOR);
    expect((await store().records.getRecord(s.id))?.day).toBe('2026-11-20');
  });

  it("rejects another inspector's batch under a device id already used, storing nothing, and the owner's later records still go in", async () => {
    const first = make.record(green);
    expect((await sync.mergeBatch(make.batch([first]), INSPECTOR)).results[0]).toMatchObject({ status: 'accepted' });
    const device = await store().records.getDevice('device-1');

    // The second inspector takes the device id and would take its next sequence numbers.
    const intruder = new RecordMaker('device-1');
    intruder.record(green); // seq 1, as the owner's
    const taken = [intruder.record(green, { inspectorId: OTHER_INSPECTOR.id, venueId: OTHER_VENUE }), intruder.record(green, { inspectorId: OTHER_INSPECTOR.id, venueId: OTHER_VENUE })];
    const refused = await sync.mergeBatch(intruder.batch(taken), OTHER_INSPECTOR);
    expect(refused.results).toEqual(taken.map((r) => ({ id: r.id, status: 'rejected', reason: 'device-of-another-inspector' })));
    expect(await count()).toBe(1);
    expect(await store().records.getDevice('device-1')).toEqual(device);

    const next = [make.record(green), make.record(green)];
    expect((await sync.mergeBatch(make.batch(next), INSPECTOR)).results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(await count()).toBe(3);
  });

  it('gives a new device id to one of two inspectors racing for it; the other stores nothing', async () => {
    const a = new RecordMaker('device-new');
    const b = new RecordMaker('device-new');
    const [ra, rb] = await Promise.all([
      sync.mergeBatch(a.batch([a.record(green)]), INSPECTOR),
      sync.mergeBatch(b.batch([b.record(green, { inspectorId: OTHER_INSPECTOR.id, venueId: OTHER_VENUE })]), OTHER_INSPECTOR),
    ]);
    const statuses = [ra.results[0]!.status, rb.results[0]!.status].sort();
    expect(statuses).toEqual(['accepted', 'rejected']);
    const owner = (await store().records.getDevice('device-new'))!.inspector_id;
    expect(ra.results[0]!.status === 'accepted' ? INSPECTOR.id : OTHER_INSPECTOR.id).toBe(owner);
    expect(await count()).toBe(1);
  });

  it('answers duplicate for a replayed batch and adds no rows', async () => {
    const records = [make.record(green), make.record(green), make.record('HG1:unreadable', { verdict: 'malformed' })];
    await sync.mergeBatch(make.batch(records), INSPECTOR);
    expect(await count()).toBe(3);
    const replay = await sync.mergeBatch(make.batch(records), INSPECTOR);
    expect(replay.results).toEqual(records.map((r) => ({ id: r.id, status: 'duplicate' })));
    expect(await count()).toBe(3);
  });

  it('rejects the same id with other content as a conflict and keeps the first', async () => {
    const r = make.record(green);
    await sync.mergeBatch(make.batch([r]), INSPECTOR);
    const changed = { ...r, temperature: 38.5 };
    expect((await sync.mergeBatch(make.batch([changed]), INSPECTOR)).results).toEqual([{ id: r.id, status: 'rejected', reason: 'conflict' }]);
    expect(await count()).toBe(1);
    expect((await store().records.getRecord(r.id))?.temperature).toBe(36.5);
  });

  it('keeps the list versions a device reports (they only grow) and counts its rejected records by reason', async () => {
    const r = make.record(green);
    await sync.mergeBatch(make.batch([r], { lists: { trust: 3, redList: 40 } }), INSPECTOR);
    await sync.mergeBatch(make.batch([make.record(green)], { lists: { trust: 2, redList: 41 } }), INSPECTOR);
    await sync.mergeBatch(make.batch([make.record(green)]), INSPECTOR);
    expect(await store().records.getDevice('device-1')).toMatchObject({ trust_version: 3, red_list_version: 41 });
    await sync.mergeBatch(make.batch([{ ...r, temperature: 38.5 }]), INSPECTOR);
    await sync.mergeBatch(make.batch([{ ...r, temperature: 38.6 }]), INSPECTOR);
    expect(await store().records.rejectionsByReason()).toEqual([{ reason: 'conflict', n: 2, devices: 1, lastAt: NOW }]);
    expect((await store().records.devices()).map((d) => d.device_id)).toEqual(['device-1']);
  });

  it('rejects a new id that reuses a stored sequence number of the device', async () => {
    const r = make.record(green);
    await sync.mergeBatch(make.batch([r]), INSPECTOR);
    const clash = { ...make.record(green), seq: r.seq };
    expect((await sync.mergeBatch(make.batch([clash]), INSPECTOR)).results).toEqual([{ id: clash.id, status: 'rejected', reason: 'sequence-conflict' }]);
    expect(await count()).toBe(1);
    // The same sequence number on another device is a different record.
    const elsewhere = new RecordMaker('device-2');
    const other = { ...elsewhere.record(green), seq: r.seq };
    expect((await sync.mergeBatch(elsewhere.batch([other]), INSPECTOR)).results[0]?.status).toBe('accepted');
  });

  it('judges repeats inside one batch as if the records came one at a time', async () => {
    const a = make.record(green);
    const aChanged = { ...a, temperature: 39 };
    const sameSeq = { ...make.record(green), seq: a.seq };
    const b = make.record(green);
    const res = await sync.mergeBatch(make.batch([a, a, aChanged, sameSeq, b, b]), INSPECTOR);
    expect(res.results).toEqual([
      { id: a.id, status: 'accepted', flags: [] },
      { id: a.id, status: 'duplicate' },
      { id: a.id, status: 'rejected', reason: 'conflict' },
      { id: sameSeq.id, status: 'rejected', reason: 'sequence-conflict' },
      { id: b.id, status: 'accepted', flags: [] },
      { id: b.id, status: 'duplicate' },
    ]);
    expect(await count()).toBe(2);
    expect((await store().records.getRecord(a.id))?.temperature).toBe(36.5);
  });

  it("rejects records naming another inspector, and venues the inspector is not bound to", async () => {
    const ok = make.record(green);
    const foreign = make.record(green, { inspectorId: OTHER_INSPECTOR.id, venueId: OTHER_VENUE });
    const unbound = make.record(green, { venueId: OTHER_VENUE });
    const missing = make.record(green, { venueId: 'no-such-venue' });
    const res = await sync.mergeBatch(make.batch([foreign, ok, unbound, missing]), INSPECTOR);
    expect(res.results).toEqual([
      { id: foreign.id, status: 'rejected', reason: 'inspector-mismatch' },
      { id: ok.id, status: 'accepted', flags: [] },
      { id: unbound.id, status: 'rejected', reason: 'not-bound-to-venue' },
      { id: missing.id, status: 'rejected', reason: 'not-bound-to-venue' },
    ]);
    expect(await count()).toBe(1);
    expect(await store().records.getRecord(foreign.id)).toBeUndefined();
  });

  it('counts records captured while bound that are synced after the unbind; refuses those captured after it', async () => {
    const MIN = 60_000;
    const unboundAt = NOW - 30 * MIN;
    expect(await store().venues.unbindInspector(INSPECTOR.id, VENUE, unboundAt)).toBe(true);
    const before = make.record(green, { capturedAt: unboundAt - 5 * MIN });
    const justAfter = make.record(green, { capturedAt: unboundAt + BINDING_TOLERANCE_MS });
    const after = make.record(green, { capturedAt: unboundAt + BINDING_TOLERANCE_MS + 1 });
    const res = await sync.mergeBatch(make.batch([before, justAfter, after]), INSPECTOR);
    expect(res.results).toEqual([
      { id: before.id, status: 'accepted', flags: [] },
      { id: justAfter.id, status: 'accepted', flags: [] },
      { id: after.id, status: 'rejected', reason: 'not-bound-to-venue' },
    ]);
    expect(await count()).toBe(2);

    // Bound again later: the gap between the spans is not a binding, the new span is.
    await store().venues.bindInspector(INSPECTOR.id, VENUE, NOW - 10 * MIN);
    const inGap = make.record(green, { capturedAt: NOW - 20 * MIN });
    const inNewSpan = make.record(green, { capturedAt: NOW - 5 * MIN });
    const again = await sync.mergeBatch(make.batch([inGap, inNewSpan]), INSPECTOR);
    expect(again.results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(['not-bound-to-venue', 'accepted']);
  });

  it('judges the capture time by the server clock as far as the batch tells (the device clock’s skew taken out)', async () => {
    const MIN = 60_000;
    const unboundAt = NOW - 30 * MIN;
    await store().venues.unbindInspector(INSPECTOR.id, VENUE, unboundAt);
    // A phone 20 minutes slow: its stamp reads before the unbind, the server's clock says after.
    const slow = new RecordMaker('device-slow');
    const late = slow.record(green, { capturedAt: NOW - 40 * MIN });
    expect((await sync.mergeBatch(slow.batch([late], { sentAt: NOW - 20 * MIN }), INSPECTOR)).results).toEqual([
      { id: late.id, status: 'rejected', reason: 'not-bound-to-venue' },
    ]);
    // A phone 20 minutes fast: its stamp reads after the unbind, but the capture was before it.
    const fast = new RecordMaker('device-fast');
    const early = fast.record(green, { capturedAt: unboundAt + 15 * MIN });
    expect((await sync.mergeBatch(fast.batch([early], { sentAt: NOW + 20 * MIN }), INSPECTOR)).results).toEqual([
      { id: early.id, status: 'accepted', flags: ['clock-skew'] },
    ]);
  });

  it('tells, after the batch commits, which venue days got records — once each, none for a replay', async () => {
    const told: { venueId: string; day: string }[][] = [];
    const merge = new CheckpointMerge(store(), testVerifier(issuer), { now: () => NOW, onDaysChanged: (days) => told.push([...days]) });
    const a = make.record(green);
    const b = make.record(green, { capturedAt: NOW - DAY });
    const refused = make.record(green, { venueId: OTHER_VENUE });
    await merge.mergeBatch(make.batch([a, b, refused]), INSPECTOR);
    expect(told).toHaveLength(1);
    expect(told[0]!.map((d) => `${d.venueId} ${d.day}`).sort()).toEqual([`${VENUE} 2026-11-20`, `${VENUE} 2026-11-21`]);
    await merge.mergeBatch(make.batch([a, b]), INSPECTOR);
    expect(told).toHaveLength(1);
  });

  it('rejects capture times more than 5 minutes ahead of the server or older than 7 days', async () => {
    const edgeFuture = make.record(green, { capturedAt: NOW + MAX_FUTURE_SKEW_MS });
    const future = make.record(green, { capturedAt: NOW + MAX_FUTURE_SKEW_MS + 1 });
    const edgeOld = make.record(green, { capturedAt: NOW - MAX_RECORD_AGE_MS });
    const old = make.record(green, { capturedAt: NOW - MAX_RECORD_AGE_MS - 1 });
    const res = await sync.mergeBatch(make.batch([future, old]), INSPECTOR);
    expect(res.results).toEqual([
      { id: future.id, status: 'rejected', reason: 'captured-in-future' },
      { id: old.id, status: 'rejected', reason: 'captured-too-long-ago' },
    ]);
    expect(await count()).toBe(0);
    const edges = await sync.mergeBatch(make.batch([edgeFuture, edgeOld]), INSPECTOR);
    expect(edges.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(await count()).toBe(2);
  });

  it('still answers duplicate for a stored record replayed after it has grown too old', async () => {
    const r = make.record(green);
    await sync.mergeBatch(make.batch([r]), INSPECTOR);
    const later = new CheckpointMerge(store(), testVerifier(issuer), { now: () => NOW + 8 * DAY });
    const res = await later.mergeBatch(make.batch([r, { ...r, temperature: 40 }], { sentAt: NOW + 8 * DAY }), INSPECTOR);
    expect(res.results).toEqual([
      { id: r.id, status: 'duplicate' },
      { id: r.id, status: 'rejected', reason: 'captured-too-long-ago' },
    ]);
    expect(await count()).toBe(1);
  });

  it('flags clock skew beyond the limit and stores the skew', async () => {
    const near = make.record(green);
    await sync.mergeBatch(make.batch([near], { sentAt: NOW - CLOCK_SKEW_FLAG_MS }), INSPECTOR);
    expect(await store().records.getRecord(near.id)).toMatchObject({ flags: '', clock_skew_ms: -CLOCK_SKEW_FLAG_MS });
    const r = make.record(green);
    const res = await sync.mergeBatch(make.batch([r], { sentAt: NOW - CLOCK_SKEW_FLAG_MS - 1000 }), INSPECTOR);
    expect(res.results).toEqual([{ id: r.id, status: 'accepted', flags: ['clock-skew'] }]);
    expect(await store().records.getRecord(r.id)).toMatchObject({ flags: 'clock-skew', clock_skew_ms: -CLOCK_SKEW_FLAG_MS - 1000 });
  });

  it('stores a forged code as bad-signature with no subject, flagged when the device said green', async () => {
    const r = make.record(forge(green));
    const res = await sync.mergeBatch(make.batch([r]), INSPECTOR);
    expect(res.results).toEqual([{ id: r.id, status: 'accepted', flags: ['verdict-differs'] }]);
    expect(await store().records.getRecord(r.id)).toMatchObject({ client_verdict: 'green', server_verdict: 'bad-signature', sub: null, flags: 'verdict-differs' });
    expect(await store().records.dailyCounts(VENUE, '2026-11-21', DEFAULT_FEVER_THRESHOLD)).toEqual({ people: 0, fever: 0, red: 0, total: 1 });
  });

  it('trusts its own verdict over the device: codes of unknown keys, red codes, and codes expired only now', async () => {
    const stranger = await makeTestIssuer();
    const unknown = make.record(await stranger.issue({}, T0), { verdict: 'green' });
    const red = make.record(await issuer.issue({ status: 'red', reason: 'close-contact' }, T0), { verdict: 'green' });
    // Valid when scanned at T0 + 50 min, expired by the time the server sees it (exp T0 + 55 min).
    const shortLived = await issuer.issue({ exp: Math.floor((T0 + 55 * 60_000) / 1000) }, T0 - HOUR);
    const expiredSince = make.record(shortLived, { capturedAt: T0 + 50 * 60_000 });
    const res = await sync.mergeBatch(make.batch([unknown, red, expiredSince]), INSPECTOR);
    expect(res.results.map((r) => (r.status === 'accepted' ? r.flags : r.status))).toEqual([['verdict-differs'], ['verdict-differs'], []]);
    expect((await store().records.getRecord(unknown.id))?.server_verdict).toBe('unknown-key');
    expect((await store().records.getRecord(red.id))?.server_verdict).toBe('red');
    expect((await store().records.getRecord(expiredSince.id))?.server_verdict).toBe('green');
    expect(await store().records.dailyCounts(VENUE, '2026-11-21', DEFAULT_FEVER_THRESHOLD)).toEqual({ people: 2, fever: 0, red: 1, total: 3 });
  });

  it('keeps a re-scan as a new record that supersedes the first; counts use the latest', async () => {
    const first = make.record(green, { temperature: 38.2, capturedAt: NOW - 20 * 60_000 });
    const rescan = make.record(green, { temperature: 36.9, capturedAt: NOW - 19 * 60_000, supersedes: first.id });
    // The re-scan arrives first: arrival order must not matter.
    await sync.mergeBatch(make.batch([rescan]), INSPECTOR);
    await sync.mergeBatch(make.batch([first]), INSPECTOR);
    expect(await count()).toBe(2);
    expect((await store().records.getRecord(rescan.id))?.supersedes).toBe(first.id);
    expect(await store().records.dailyCounts(VENUE, '2026-11-21', DEFAULT_FEVER_THRESHOLD)).toEqual({ people: 1, fever: 0, red: 0, total: 1 });
  });

  it('refuses a whole batch from someone who is not an inspector, storing nothing', async () => {
    const r = make.record(green);
    const err: unknown = await sync.mergeBatch(make.batch([r]), userActor('holder-1', 'holder', 'p1')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('forbidden');
    expect(await count()).toBe(0);
    expect(await store().records.getDevice('device-1')).toBeUndefined();
  });

  it('stores nothing when verification fails for the batch', async () => {
    const broken = new CheckpointMerge(store(), { verify: () => Promise.reject(new Error('trust store unavailable')) }, { now: () => NOW });
    await expect(broken.mergeBatch(make.batch([make.record(green)]), INSPECTOR)).rejects.toThrow('trust store unavailable');
    expect(await count()).toBe(0);
  });

  it('stores each record once when the same batch is merged twice at the same moment', async () => {
    // Two server processes handling a retried request: both pass the stored-records check.
    const records = Array.from({ length: 50 }, () => make.record(green));
    const other = new CheckpointMerge(store(), testVerifier(issuer), { now: () => NOW });
    const [a, b] = await Promise.all([sync.mergeBatch(make.batch(records), INSPECTOR), other.mergeBatch(make.batch(records), INSPECTOR)]);
    records.forEach((r, i) => expect([a.results[i]?.status, b.results[i]?.status].sort()).toEqual(['accepted', 'duplicate']));
    expect(await count()).toBe(50);
  });

  it('runs the whole batch again when the database gives up on the transaction for a deadlock', async () => {
    let failures = 1;
    const flaky: Store = {
      ...store(),
      transaction: (fn) => {
        if (failures-- > 0) return Promise.reject(Object.assign(new Error('deadlock detected'), { code: '40P01' }));
        return store().transaction(fn);
      },
    };
    const r = make.record(green);
    const res = await new CheckpointMerge(flaky, testVerifier(issuer), { now: () => NOW }).mergeBatch(make.batch([r]), INSPECTOR);
    expect(res.results).toEqual([{ id: r.id, status: 'accepted', flags: [] }]);
    failures = 5;
    await expect(new CheckpointMerge(flaky, testVerifier(issuer), { now: () => NOW }).mergeBatch(make.batch([make.record(green)]), INSPECTOR)).rejects.toThrow('deadlock');
    expect(await count()).toBe(1);
  });

  it('merges a full batch of 500 records in one go and replays it as 500 duplicates', async () => {
    const records = Array.from({ length: 500 }, () => make.record(green));
    const first = await sync.mergeBatch(make.batch(records), INSPECTOR);
    expect(first.results.every((r) => r.status === 'accepted')).toBe(true);
    const again = await sync.mergeBatch(make.batch(records), INSPECTOR);
    expect(again.results.every((r) => r.status === 'duplicate')).toBe(true);
    expect(await count()).toBe(500);
    expect((await store().records.getDevice('device-1'))?.max_seq).toBe(500);
  });
});
