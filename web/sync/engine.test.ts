import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BATCH_BYTES, MAX_BATCH_RECORDS, type RecordResult, type SyncBatch } from '../../shared/records.js';
import { HgDb } from '../db/db.js';
import { addRecord, deviceIdFor, outboxSummary, type RecordDraft } from '../db/outbox.js';
import { setMeta } from '../db/db.js';
import { draft, freshDb, testVenue } from '../db/testing.js';
import { backoffDelayMs } from './backoff.js';
import { byteLength } from './batches.js';
import { SyncEngine, type SyncEngineOptions } from './engine.js';

const engines: SyncEngine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.dispose();
});
function engine(options: SyncEngineOptions): SyncEngine {
  const e = new SyncEngine(options);
  engines.push(e);
  return e;
}

async function fill(db: HgDb, n: number, over: Partial<RecordDraft> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await addRecord(db, draft(over), testVenue)).id);
  return ids;
}

type Decide = (batch: SyncBatch, call: number) => RecordResult[] | Response | Promise<RecordResult[] | Response>;

/** A stand-in for the server: records every body it receives and answers what `decide` says. */
function fakeServer(decide: Decide = (b) => b.records.map((r) => ({ id: r.id, status: 'accepted', flags: [] }))) {
  const bodies: string[] = [];
  const batches: SyncBatch[] = [];
  const fetch = async (_url: string, init?: RequestInit): Promise<Response> => {
    const body = String(init?.body);
    bodies.push(body);
    const batch = JSON.parse(body) as SyncBatch;
    batches.push(batch);
    const answer = await decide(batch, batches.length);
    if (answer instanceof Response) return answer;
    return new Response(JSON.stringify({ results: answer }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, bodies, batches };
}
const errorResponse = (status: number, code: string) =>
  new Response(JSON.stringify({ error: { code, message: code } }), { status, headers: { 'content-type': 'application/json' } });

describe('sync engine', () => {
  it('removes acknowledged ids, moves rejected ones with their reason, keeps unanswered ones', async () => {
    const db = freshDb();
    const [a, b, c, d] = await fill(db, 4);
    const server = fakeServer(() => [
      { id: a!, status: 'accepted', flags: ['clock-skew'] },
      { id: b!, status: 'duplicate' },
      { id: c!, status: 'rejected', reason: 'not-bound-to-venue' },
    ]);
    const result = await engine({ db, fetch: server.fetch }).run();
    expect(result).toMatchObject({ acked: 2, rejected: 1 });
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([d]);
    expect((await db.receipts.toArray()).map((r) => [r.id, r.status])).toEqual(
      expect.arrayContaining([
        [a, 'accepted'],
        [b, 'duplicate'],
      ]),
    );
    expect(await db.rejected.get(c!)).toMatchObject({ reason: 'not-bound-to-venue' });
  });

  it('backs off after a server error with jitter, capped at 300 s, and "sync now" resets it', async () => {
    const db = freshDb();
    await fill(db, 2);
    let now = 1_000_000;
    const randoms = [0, 0.999, 0.5, 0.25];
    let i = 0;
    const server = fakeServer(() => errorResponse(500, 'internal'));
    const e = engine({ db, fetch: server.fetch, now: () => now, random: () => randoms[i++ % randoms.length]! });
    const delays: number[] = [];
    for (let n = 1; n <= 12; n++) {
      expect((await e.run()).outcome).toBe('failed');
      expect(e.status).toMatchObject({ phase: 'backoff', failures: n, lastError: 'internal' });
      delays.push(e.status.nextAttemptAt! - now);
      now += 1;
    }
    // n = 1 with random 0 → half of 2 s; n = 2 with random ≈ 1 → about 4 s.
    expect(delays[0]).toBe(1000);
    expect(delays[1]).toBeGreaterThan(3900);
    for (const [n, d] of delays.entries()) {
      const cap = Math.min(2 ** (n + 1), 300) * 1000;
      expect(d).toBeGreaterThanOrEqual(cap / 2);
      expect(d).toBeLessThanOrEqual(cap);
    }
    expect(Math.max(...delays)).toBeLessThanOrEqual(300_000);
    expect(backoffDelayMs(50, 0.999999)).toBeLessThanOrEqual(300_000);
    // While backing off, background triggers wait; the user does not.
    expect(e.poke()).toBeUndefined();
    expect(await outboxSummary(db)).toMatchObject({ pending: 2 });
    await e.syncNow();
    expect(e.status.failures).toBe(1);
  });

  it('loses nothing when the network fails mid-way, and finishes on the next run', async () => {
    const db = freshDb();
    const ids = await fill(db, 5);
    let failOn: number | undefined = 2;
    const server = fakeServer((b, call) => {
      if (call === failOn) throw new TypeError('Failed to fetch');
      return b.records.map((r) => ({ id: r.id, status: 'accepted', flags: [] }));
    });
    const e = engine({ db, fetch: server.fetch, limits: { maxRecords: 2, maxBytes: MAX_BATCH_BYTES } });
    const first = await e.run();
    expect(first).toMatchObject({ outcome: 'failed', acked: 2 });
    expect(e.status).toMatchObject({ phase: 'offline', lastError: 'network' });
    // Compared as sets: ids made in the same millisecond need not sort in the order they were made.
    expect((await db.outbox.toArray()).map((r) => r.id).sort()).toEqual(ids.slice(2).sort());
    failOn = undefined;
    expect(await e.syncNow()).toMatchObject({ outcome: 'done', acked: 3 });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.receipts.count()).toBe(5);
  });

  it('keeps records when the answer is lost after the server stored them, and counts the replay as duplicates', async () => {
    const db = freshDb();
    const ids = await fill(db, 3);
    const stored = new Set<string>();
    const server = fakeServer((b, call) => {
      const results = b.records.map((r): RecordResult => (stored.has(r.id) ? { id: r.id, status: 'duplicate' } : { id: r.id, status: 'accepted', flags: [] }));
      b.records.forEach((r) => stored.add(r.id));
      if (call === 1) throw new TypeError('connection reset');
      return results;
    });
    const e = engine({ db, fetch: server.fetch });
    await e.run();
    expect(await db.outbox.count()).toBe(3);
    await e.syncNow();
    expect(await db.outbox.count()).toBe(0);
    expect((await db.receipts.bulkGet(ids)).map((r) => r?.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it("on a shared phone sends only the signed-in inspector's records, under that inspector's device id", async () => {
    const db = freshDb();
    // A record queued before device ids were per inspector: it keeps the phone's one id of then.
    await setMeta(db, 'deviceId', 'old-device');
    await db.outbox.add({ ...draft({ inspectorId: 'insp-a' }), id: '0190a0b0-0000-7000-8000-000000000001', seq: 7, capturedAt: 1, queuedAt: 1 });
    const a = await fill(db, 2, { inspectorId: 'insp-a' });
    const b = await fill(db, 3, { inspectorId: 'insp-b' });
    const server = fakeServer();
    let signedIn = 'insp-b';
    const e = engine({ db, fetch: server.fetch, inspectorId: () => signedIn });
    expect(await e.run()).toMatchObject({ outcome: 'done', acked: 3 });
    const idB = await deviceIdFor(db, 'insp-b');
    expect(server.batches.map((x) => [x.deviceId, x.records.map((r) => r.seq)])).toEqual([[idB, [1, 2, 3]]]);
    expect(server.batches[0]!.records.map((r) => r.id)).toEqual(b);
    // A's records waited for A's own session: B's would have been refused as another inspector's.
    expect(await db.outbox.count()).toBe(3);
    signedIn = 'insp-a';
    expect(await e.run()).toMatchObject({ outcome: 'done', acked: 3 });
    const idA = await deviceIdFor(db, 'insp-a');
    // One batch per device id (the server orders by seq within a device, not across devices).
    expect(server.batches.slice(1).map((x) => [x.deviceId, x.records.map((r) => r.seq)])).toEqual([
      [idA, [1, 2]],
      ['old-device', [7]],
    ]);
    expect(server.batches[1]!.records.map((r) => r.id)).toEqual(a);
    expect(await db.outbox.count()).toBe(0);
    // What goes on the wire is the shared record: no bookkeeping field.
    for (const body of server.bodies) expect(body).not.toContain('queuedAt');
  });

  it('splits batches by record count', async () => {
    const db = freshDb();
    await db.outbox.bulkAdd(
      Array.from({ length: 1203 }, (_, i) => ({ ...draft(), id: `0190a0b0-0000-7000-8000-${String(i).padStart(12, '0')}`, seq: i + 1, capturedAt: 1, queuedAt: 1 })),
    );
    const server = fakeServer();
    await engine({ db, fetch: server.fetch }).run();
    expect(server.batches.map((b) => b.records.length)).toEqual([MAX_BATCH_RECORDS, MAX_BATCH_RECORDS, 203]);
    expect(new Set(server.batches.flatMap((b) => b.records.map((r) => r.seq))).size).toBe(1203);
    expect(new Set(server.batches.map((b) => b.batchId)).size).toBe(3);
    expect(await db.outbox.count()).toBe(0);
  });

  it('splits batches by bytes, each body within 256 KB', async () => {
    const db = freshDb();
    await fill(db, 600, { code: `HG1:${'A'.repeat(1000)}` });
    const server = fakeServer();
    await engine({ db, fetch: server.fetch }).run();
    expect(server.batches.length).toBeGreaterThan(2);
    for (const body of server.bodies) expect(byteLength(body)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    // Full batches are really full: one more record would not have fitted.
    expect(byteLength(server.bodies[0]!)).toBeGreaterThan(MAX_BATCH_BYTES - 1200);
    expect(server.batches.reduce((n, b) => n + b.records.length, 0)).toBe(600);
    expect(await db.outbox.count()).toBe(0);
  });

  it('halves the batch when the server says it is too large', async () => {
    const db = freshDb();
    await fill(db, 8);
    const server = fakeServer((b) => (b.records.length > 2 ? errorResponse(413, 'batch_too_large') : b.records.map((r) => ({ id: r.id, status: 'accepted', flags: [] }))));
    expect(await engine({ db, fetch: server.fetch }).run()).toMatchObject({ outcome: 'done', acked: 8 });
    expect(server.batches.map((b) => b.records.length)).toEqual([8, 4, 2, 2, 2, 2]);
  });

  it('does not lose records written while an upload is in flight', async () => {
    const db = freshDb();
    const before = await fill(db, 3);
    let during: string | undefined;
    const server = fakeServer(async (b, call) => {
      if (call === 1) during = (await addRecord(db, draft({ temperature: 38 }), testVenue)).id;
      return b.records.map((r) => ({ id: r.id, status: 'accepted', flags: [] }));
    });
    await engine({ db, fetch: server.fetch }).run();
    expect(server.batches[0]!.records.map((r) => r.id)).toEqual(before);
    // The new record went in a later batch of the same run, or is still waiting; it is never dropped.
    const all = [...(await db.outbox.toArray()).map((r) => r.id), ...(await db.receipts.toArray()).map((r) => r.id)];
    expect(all).toContain(during);
    expect(await db.receipts.get(during!)).toBeDefined();
  });

  it('"sync now" during a failing upload runs again after it', async () => {
    const db = freshDb();
    await fill(db, 2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const server = fakeServer(async (b) => {
      calls++;
      if (calls === 1) {
        await gate;
        throw new TypeError('Failed to fetch');
      }
      return b.records.map((r) => ({ id: r.id, status: 'accepted', flags: [] }));
    });
    const e = engine({ db, fetch: server.fetch });
    const first = e.run();
    await new Promise((r) => setTimeout(r, 20));
    const again = e.syncNow();
    release();
    expect((await first).outcome).toBe('failed');
    expect(await again).toMatchObject({ outcome: 'done', acked: 2 });
    expect(e.status).toMatchObject({ phase: 'idle', failures: 0 });
  });

  it('keeps records and asks to sign in again on 401', async () => {
    const db = freshDb();
    await fill(db, 2);
    const server = fakeServer(() => errorResponse(401, 'unauthenticated'));
    const e = engine({ db, fetch: server.fetch });
    expect((await e.run()).outcome).toBe('failed');
    expect(e.status).toMatchObject({ phase: 'signed-out', lastError: 'unauthenticated' });
    expect(await db.outbox.count()).toBe(2);
  });

  it('treats an answer that acknowledges nothing as a failure instead of looping', async () => {
    const db = freshDb();
    await fill(db, 2);
    const server = fakeServer(() => []);
    const e = engine({ db, fetch: server.fetch });
    expect((await e.run()).outcome).toBe('failed');
    expect(server.batches.length).toBe(1);
    expect(await db.outbox.count()).toBe(2);
  });

  it('refuses an answer outside the contract (bad_response) and keeps every record', async () => {
    const db = freshDb();
    const [a] = await fill(db, 2);
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    const answers = [json({ results: [{ id: a, status: 'accepted' }] }), json({ results: [{ id: a, status: 'stored' }] }), json({ ok: true })];
    const server = fakeServer((_b, call) => answers[call - 1]!);
    const e = engine({ db, fetch: server.fetch });
    for (let i = 0; i < answers.length; i++) {
      expect((await e.syncNow()).outcome).toBe('failed');
      expect(e.status).toMatchObject({ phase: 'backoff', lastError: 'bad_response' });
    }
    expect(await db.outbox.count()).toBe(2);
    expect(await db.receipts.count()).toBe(0);
  });

  it('runs one upload at a time: a second tab skips while the first holds the lock', async () => {
    const db = freshDb();
    await fill(db, 2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const server = fakeServer(async (b) => {
      await gate;
      return b.records.map((r) => ({ id: r.id, status: 'accepted', flags: [] }));
    });
    const tabA = engine({ db, fetch: server.fetch });
    const tabB = engine({ db, fetch: server.fetch });
    const a = tabA.run();
    await new Promise((r) => setTimeout(r, 20));
    expect(await tabB.run()).toMatchObject({ outcome: 'skipped' });
    expect(tabB.status.phase).toBe('elsewhere');
    release();
    expect(await a).toMatchObject({ outcome: 'done', acked: 2 });
    expect(server.batches.length).toBe(1);
  });

  it('times out a stalled request instead of hanging', async () => {
    const db = freshDb();
    await fill(db, 1);
    const stalled = (_u: string, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const e = engine({ db, fetch: stalled, timeoutMs: 50 });
    expect((await e.run()).outcome).toBe('failed');
    expect(e.status).toMatchObject({ phase: 'offline', lastError: 'timeout' });
    expect(await db.outbox.count()).toBe(1);
  });
});
