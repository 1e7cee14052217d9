// Several stateless server processes on one PostgreSQL: two real processes (server/main.ts) on a
// fresh database. A session made on one works on the other, rate limits and OTP tries are shared,
// a key rotation and a red-list change are seen by both within a second, and one batch merged
// through both at once is stored once.

import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authApi } from '../shared/api/auth.js';
import { listsApi } from '../shared/api/lists.js';
import { peopleApi, type MyCode } from '../shared/api/people.js';
import { syncApi, type SyncResponse } from '../shared/api/sync.js';
import { systemApi } from '../shared/api/system.js';
import { fromBase64Url, fromUtf8 } from '../shared/bytes.js';
import type { CheckpointRecord } from '../shared/records.js';
import { uuidv7 } from '../shared/uuid.js';
import { loadConfig } from './config.js';
import { buildServices } from './main.js';
import { connect } from './store/connect.js';
import { createStore, type Store } from './store/store.js';
import { freePort, ServerProcess } from './testing/process.js';
import { seedPeople, TEST_ACTOR } from './testing/server.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

// Test-only: like the store tests, this reads the environment directly.
const PG_URL = process.env.TEST_DATABASE_URL;
const SECRET = 'Zk3q9Xv2Lr8Tn4Wb7Yc1Hd6Jm5Pa0Se_-AbCdEf';

if (!PG_URL) console.log('The two-process test needs PostgreSQL: TEST_DATABASE_URL is not set.');

describe.runIf(PG_URL)('two server processes on one PostgreSQL', () => {
  const dbName = `hg_mp_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'hg-mp-'));
  let dbUrl: string;
  let store: Store;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(PG_URL!);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
    store = createStore(await connect({ url: dbUrl }));
    await seedPeople(store);
    const env = { DATABASE_URL: dbUrl, HG_DATA_DIR: dataDir, HG_STATIC_DIR: join(dataDir, 'web'), HG_OTP_SECRET: SECRET, NODE_ENV: 'development' };
    a = new ServerProcess(await freePort(), env);
    b = new ServerProcess(await freePort(), env);
    await Promise.all([a.start(), b.start()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await store?.close();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (s: ServerProcess, path: string, body: unknown, cookie = '') =>
    fetch(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: s.url, cookie }, body: JSON.stringify(body) });
  const lastCode = async (s: ServerProcess, phone: string) => {
    const { messages } = (await (await fetch(`${s.url}${systemApi.devSms.path}?phone=${encodeURIComponent(phone)}`)).json()) as { messages: { body: string }[] };
    return messages[0]!.body.match(/\d{6}/)![0];
  };
  const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
  async function signIn(phone: string, on: ServerProcess, codeFrom: ServerProcess): Promise<string> {
    expect((await post(on, authApi.otpRequest.path, { phone })).status).toBe(200);
    const res = await post(on, authApi.otpVerify.path, { phone, code: await lastCode(codeFrom, phone) });
    expect(res.status).toBe(200);
    return res.headers.getSetCookie()[0]!.split(';')[0]!;
  }
  const versionOf = async (s: ServerProcess, path: string) => {
    const env = (await (await fetch(`${s.url}${path}`)).json()) as { body: string };
    return (JSON.parse(fromUtf8(fromBase64Url(env.body))) as { version: number }).version;
  };
  /** How long until `probe` answers something other than `from`, polling every 20 ms (at most 5 s). */
  async function msUntilChanged(probe: () => Promise<number>, from: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < 5000) {
      if ((await probe()) !== from) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 20));
    }
    return Infinity;
  }

  it('takes a session made on one process on the other, and signing out on the other ends it', async () => {
    const cookie = await signIn('+8613800000002', a, b);
    expect((await fetch(`${b.url}${authApi.me.path}`, { headers: { cookie } })).status).toBe(200);
    expect(((await (await fetch(`${b.url}${peopleApi.myCode.path}`, { headers: { cookie } })).json()) as MyCode).status).toBe('green');
    expect((await post(b, authApi.signOut.path, {}, cookie)).status).toBe(200);
    expect((await fetch(`${a.url}${authApi.me.path}`, { headers: { cookie } })).status).toBe(401);
  });

  it('shares rate limits and OTP tries between the processes', async () => {
    const phone = '+8613800000003';
    expect((await post(a, authApi.otpRequest.path, { phone })).status).toBe(200);
    const again = await post(b, authApi.otpRequest.path, { phone });
    expect([again.status, await errorCode(again)]).toEqual([429, 'otp_resend_too_soon']);
    const right = await lastCode(a, phone);
    const wrong = String((Number(right) + 1) % 1e6).padStart(6, '0');
    const answers: string[] = [];
    for (const s of [a, b, a, b, a]) answers.push(await errorCode(await post(s, authApi.otpVerify.path, { phone, code: wrong })));
    expect(answers).toEqual(['otp_invalid', 'otp_invalid', 'otp_invalid', 'otp_invalid', 'otp_too_many_attempts']);
    // Both now hold this client back, whichever it asks.
    for (const s of [a, b]) expect(await errorCode(await post(s, authApi.otpVerify.path, { phone, code: right }))).toBe('rate_limited');
  });

  it('sees a key rotation and a red-list change made elsewhere within a second', async () => {
    const config = loadConfig({ DATABASE_URL: dbUrl, HG_DATA_DIR: dataDir, HG_OTP_SECRET: SECRET });
    const services = buildServices(config, store, { log: () => {}, recountDelayMs: 'manual' });
    const trustBefore = await versionOf(b, listsApi.trust.path);
    expect(await versionOf(a, listsApi.trust.path)).toBe(trustBefore);
    await services.keys.createSigningKey(TEST_ACTOR);
    const trustSeen = await Promise.all([a, b].map((s) => msUntilChanged(() => versionOf(s, listsApi.trust.path), trustBefore)));

    const redBefore = await versionOf(a, listsApi.redList.path);
    await services.status.setStatus('p-green', 'red', 'close-contact', TEST_ACTOR);
    const redSeen = await Promise.all([a, b].map((s) => msUntilChanged(() => versionOf(s, listsApi.redList.path), redBefore)));
    console.log(`two processes: key rotation seen after ${trustSeen.join(' / ')} ms, red-list change after ${redSeen.join(' / ')} ms`);
    // A second of recheck, plus what a loaded machine adds to a request.
    for (const ms of [...trustSeen, ...redSeen]) expect(ms).toBeLessThan(1500);
  });

  it('stores a batch merged through both processes at once exactly once', async () => {
    const cookie = await signIn('+8613800000001', b, a);
    const services = buildServices(loadConfig({ DATABASE_URL: dbUrl, HG_DATA_DIR: dataDir, HG_OTP_SECRET: SECRET }), store, { log: () => {}, recountDelayMs: 'manual' });
    const code = (await services.codes.codeFor('p-green')).text;
    const now = Date.now();
    const records: CheckpointRecord[] = Array.from({ length: 50 }, (_, i) => ({
      id: uuidv7(now - 1000 + i),
      seq: i + 1,
      code,
      venueId: 'venue-demo',
      inspectorId: 'u-insp',
      temperature: 36.5,
      verdict: 'green',
      capturedAt: now - 1000 + i,
    }));
    const batch = { deviceId: 'device-mp', batchId: uuidv7(now), sentAt: now, records };
    const [ra, rb] = await Promise.all([post(a, syncApi.checkpoints.path, batch, cookie), post(b, syncApi.checkpoints.path, batch, cookie)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const results = [((await ra.json()) as SyncResponse).results, ((await rb.json()) as SyncResponse).results];
    for (let i = 0; i < records.length; i++) {
      expect([results[0]![i]!.status, results[1]![i]!.status].sort()).toEqual(['accepted', 'duplicate']);
    }
    expect(await store.records.countRecords()).toBe(records.length);
  });
});
