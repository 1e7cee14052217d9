// Property tests for the merge, on every engine: any split into batches, any order, any
// duplication gives the same stored rows and counts as sending each record once, in order; and
// when records collide, every result is the one a record-at-a-time merge would give.

import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { randomBytes } from '../../shared/bytes.js';
import type { VerdictKind } from '../../shared/code/verify.js';
import { DEFAULT_FEVER_THRESHOLD, type CheckpointRecord, type RecordResult } from '../../shared/records.js';
import { redListEntry, type RedList } from '../../shared/redlist.js';
import { makeTestIssuer, T0 } from '../../shared/testing.js';
import { uuidv7 } from '../../shared/uuid.js';
import type { CheckpointRow } from '../store/records.js';
import type { Store } from '../store/store.js';
import { describeStores } from '../testing/stores.js';
import { CheckpointMerge } from './merge.js';
import { DAY, forge, INSPECTOR, NOW, testVerifier } from '../testing/checkpoints.js';
import type { CodeVerifier } from '../lists/verifier.js';

const NUM_RUNS = 30;
let codes: string[] = [];
let verifier: CodeVerifier;

beforeAll(async () => {
  const issuer = await makeTestIssuer();
  const validAcross = { exp: Math.floor((T0 + 3 * DAY) / 1000) };
  const listed = randomBytes(8);
  const redList: RedList = { version: 1, issuedAt: T0, salt: 'prop', entries: new Set([redListEntry('prop', listed)]) };
  verifier = testVerifier(issuer, redList);
  const greens = await Promise.all([0, 1, 2, 3].map(() => issuer.issue(validAcross, T0 - 4 * DAY)));
  codes = [
    ...greens,
    await issuer.issue({ ...validAcross, status: 'red', reason: 'close-contact' }, T0 - 4 * DAY),
    await issuer.issue({ ...validAcross, sub: listed }, T0 - 4 * DAY),
    await issuer.issue({}, T0 - 10 * DAY), // expired all along: still names its subject
    forge(greens[0]!), // bad-signature: no subject
    'HG1:%%%%', // unreadable: no subject
  ];
});

/** What a record is, before it is given ids in a namespace. */
interface Spec {
  device: number;
  venue: number;
  code: number;
  temperature: number;
  capturedAt: number;
  verdict: VerdictKind;
  supersedes?: number;
  seq: number;
}

const specArb = fc.record({
  device: fc.integer({ min: 0, max: 1 }),
  venue: fc.integer({ min: 0, max: 1 }),
  code: fc.nat(),
  temperature: fc.constantFrom(36.2, 36.8, 37.2, 37.3, 38.4),
  day: fc.integer({ min: 0, max: 2 }),
  // Whole minutes make equal capture times common, so the id tie-break is exercised; up to 20 h
  // back from 17:00 local crosses midnight.
  minute: fc.integer({ min: 0, max: 1200 }),
  verdict: fc.constantFrom<VerdictKind>('green', 'red', 'malformed'),
  rescanOf: fc.option(fc.nat(), { nil: undefined }),
});

const specsArb = fc.array(specArb, { minLength: 1, maxLength: 40 }).map((raw) => {
  const nextSeq = [0, 0];
  return raw.map((r, i): Spec => {
    // A re-scan is made at the same gate, of the same code as the record it supersedes.
    const earlier = r.rescanOf !== undefined && i > 0 ? raw[r.rescanOf % i] : undefined;
    const device = earlier?.device ?? r.device;
    return {
      device,
      venue: earlier?.venue ?? r.venue,
      code: (earlier?.code ?? r.code) % 9,
      temperature: r.temperature,
      capturedAt: NOW - r.day * DAY - r.minute * 60_000,
      verdict: r.verdict,
      supersedes: earlier ? r.rescanOf! % i : undefined,
      seq: ++nextSeq[device]!,
    };
  });
});

/** How to deliver: a shuffle, extra copies, and batch sizes, interpreted by deliveryOrder. */
const planArb = fc.record({
  keys: fc.array(fc.nat(), { minLength: 80, maxLength: 80 }),
  copies: fc.array(fc.nat(), { maxLength: 20 }),
  sizes: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }),
});
type Plan = typeof planArb extends fc.Arbitrary<infer P> ? P : never;

let namespaces = 0;

/** A fresh namespace in the store: ids, venues and devices no other run uses. */
async function namespace(store: Store) {
  const ns = (++namespaces).toString(16).padStart(8, '0');
  const venue = (k: number) => `v${ns}-${k}`;
  for (const k of [0, 1]) {
    await store.venues.createVenue({ id: venue(k), name: `Venue ${k}`, created_at: T0 });
    await store.venues.bindInspector(INSPECTOR.id, venue(k), T0 - 8 * DAY);
  }
  const id = (i: number) => `${ns}-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
  const record = (s: Spec, i: number): CheckpointRecord => ({
    id: id(i),
    seq: s.seq,
    code: codes[s.code]!,
    venueId: venue(s.venue),
    inspectorId: INSPECTOR.id,
    temperature: s.temperature,
    verdict: s.verdict,
    capturedAt: s.capturedAt,
    ...(s.supersedes !== undefined ? { supersedes: id(s.supersedes) } : {}),
  });
  /** A stored row without what depends on how it was delivered, and with the namespace taken out. */
  const canonical = (r: CheckpointRow) => {
    // The content hash covers the id and venue, so it differs by namespace; batch ids by delivery.
    const { batch_id: _batch, content_hash: _hash, ...rest } = r;
    const strip = (s: string) => s.replace(ns, '');
    return { ...rest, id: strip(r.id), device_id: strip(r.device_id), venue_id: strip(r.venue_id), supersedes: r.supersedes && strip(r.supersedes) };
  };
  return { ns, venue, record, device: (k: number) => `d${ns}-${k}`, canonical };
}

/** The records to send, in the order to send them, cut into one-device batches. */
function deliveryOrder<T extends { device: number }>(items: T[], plan: Plan): T[][] {
  const copies = plan.copies.map((c) => items[c % items.length]!);
  const all = [...items, ...copies].map((item, i) => ({ item, key: plan.keys[i % plan.keys.length]! * 1000 + i }));
  all.sort((a, b) => a.key - b.key);
  const batches: T[][] = [];
  for (let at = 0, cut = 0; at < all.length; cut++) {
    const chunk = all.slice(at, at + plan.sizes[cut % plan.sizes.length]!).map((a) => a.item);
    at += chunk.length;
    for (const device of [0, 1]) {
      const mine = chunk.filter((c) => c.device === device);
      if (mine.length > 0) batches.push(mine);
    }
  }
  return batches;
}

async function send(sync: CheckpointMerge, deviceId: string, records: CheckpointRecord[]): Promise<RecordResult[]> {
  return (await sync.mergeBatch({ deviceId, batchId: uuidv7(NOW), sentAt: NOW, records }, INSPECTOR)).results;
}

describeStores('sync merge properties', (store) => {
  it('stores the same rows and counts however the records are batched, ordered and repeated', async () => {
    const s = store();
    await s.accounts.createUser({ id: INSPECTOR.id, phone: '+8613800000001', role: 'inspector', person_id: null, created_at: T0 });
    const sync = new CheckpointMerge(s, verifier, { now: () => NOW });
    await fc.assert(
      fc.asyncProperty(specsArb, planArb, async (specs, plan) => {
        const once = await namespace(s);
        const shuffled = await namespace(s);
        for (const [i, spec] of specs.entries()) {
          expect((await send(sync, once.device(spec.device), [once.record(spec, i)]))[0]?.status).toBe('accepted');
        }
        const indexed = specs.map((spec, i) => ({ spec, i, device: spec.device }));
        const statuses = new Map<number, string[]>();
        for (const batch of deliveryOrder(indexed, plan)) {
          const results = await send(sync, shuffled.device(batch[0]!.device), batch.map((b) => shuffled.record(b.spec, b.i)));
          results.forEach((r, k) => statuses.set(batch[k]!.i, [...(statuses.get(batch[k]!.i) ?? []), r.status]));
        }
        // Each record is accepted exactly once, on its first delivery; every copy after is a duplicate.
        for (const [, seen] of statuses) expect(seen).toEqual(['accepted', ...seen.slice(1).map(() => 'duplicate')]);

        const rows = await s.records.allRecords();
        const mine = (ns: string) => rows.filter((r) => r.id.startsWith(ns)).map(once.ns === ns ? once.canonical : shuffled.canonical);
        expect(mine(shuffled.ns)).toEqual(mine(once.ns));
        for (const device of [0, 1]) {
          const [a, b] = [await s.records.getDevice(once.device(device)), await s.records.getDevice(shuffled.device(device))];
          expect(b?.max_seq).toEqual(a?.max_seq);
        }
        const days = new Set(rows.filter((r) => r.id.startsWith(once.ns)).map((r) => r.day));
        for (const venue of [0, 1]) {
          for (const day of days) {
            expect(await s.records.dailyCounts(shuffled.venue(venue), day, DEFAULT_FEVER_THRESHOLD)).toEqual(await s.records.dailyCounts(once.venue(venue), day, DEFAULT_FEVER_THRESHOLD));
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  }, 120_000);

  it('answers every colliding record as a one-at-a-time merge in delivery order would', async () => {
    const s = store();
    await s.accounts.createUser({ id: INSPECTOR.id, phone: '+8613800000001', role: 'inspector', person_id: null, created_at: T0 });
    const sync = new CheckpointMerge(s, verifier, { now: () => NOW });
    // Few ids and sequence numbers, so that records often share one or both.
    const collidingArb = fc.array(
      fc.record({ id: fc.nat(5), seq: fc.integer({ min: 1, max: 5 }), device: fc.integer({ min: 0, max: 1 }), temperature: fc.constantFrom(36.5, 38) }),
      { minLength: 1, maxLength: 30 },
    );
    await fc.assert(
      fc.asyncProperty(collidingArb, planArb, async (items, plan) => {
        const ns = await namespace(s);
        const toRecord = (c: (typeof items)[number]) =>
          ns.record({ device: c.device, venue: 0, code: 0, temperature: c.temperature, capturedAt: NOW - 60_000, verdict: 'green', seq: c.seq }, c.id);
        // The model: a map of stored ids to their content, and of taken (device, seq) pairs.
        const byId = new Map<string, string>();
        const seqs = new Set<string>();
        const expected = (c: (typeof items)[number]): RecordResult['status'] | string => {
          // Content is what the content hash covers: the record's fields, not the device it came from.
          const r = toRecord(c);
          const content = JSON.stringify(r);
          const stored = byId.get(r.id);
          if (stored !== undefined) return stored === content ? 'duplicate' : 'conflict';
          if (seqs.has(`${c.device}:${c.seq}`)) return 'sequence-conflict';
          byId.set(r.id, content);
          seqs.add(`${c.device}:${c.seq}`);
          return 'accepted';
        };
        for (const batch of deliveryOrder(items, plan)) {
          const results = await send(sync, ns.device(batch[0]!.device), batch.map(toRecord));
          expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(batch.map(expected));
        }
        const stored = (await s.records.allRecords()).filter((r) => r.id.startsWith(ns.ns)).map((r) => r.id);
        expect(stored).toEqual([...byId.keys()].sort());
      }),
      { numRuns: NUM_RUNS },
    );
  }, 120_000);
});

