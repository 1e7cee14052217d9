// POST /api/sync/checkpoints through HTTP (app.request) on a real store: who may sync, what a
// refused batch answers, and that a refused batch stores nothing.

import { Hono } from 'hono';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { syncApi } from '../../shared/api/sync.js';
import { MAX_CODE_TEXT } from '../../shared/code/verify.js';
import { MAX_BATCH_BYTES, MAX_BATCH_RECORDS } from '../../shared/records.js';
import { makeTestIssuer, T0, type TestIssuer } from '../../shared/testing.js';
import { CheckpointMerge } from './merge.js';
import { HOUR, INSPECTOR, NOW, RecordMaker, seedVenues, testVerifier } from '../testing/checkpoints.js';
import type { Store } from '../store/store.js';
import { describeStores } from '../testing/stores.js';
import { userActor, type UserActor } from '../auth/actor.js';
import type { AppEnv } from '../http/context.js';
import { answerError } from '../http/errors.js';
import { ApiRouter } from '../http/route.js';
import { checkpointRoutes } from './routes.js';

const HOLDER = userActor('holder-1', 'holder', 'p1');

/** The sync routes behind a stand-in for the session middleware and app.onError of app.ts. */
function testApp(store: Store, issuer: TestIssuer): Hono<AppEnv> {
  const users: Record<string, UserActor> = { inspector: INSPECTOR, holder: HOLDER };
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('actor', users[c.req.header('x-test-user') ?? '']);
    await next();
  });
  checkpointRoutes(new ApiRouter(app, { checkResponses: true }), new CheckpointMerge(store, testVerifier(issuer), { now: () => NOW }));
  app.onError((err, c) => answerError(err, c, () => undefined));
  return app;
}

const post = (app: Hono<AppEnv>, body: unknown, user?: string) =>
  app.request(syncApi.checkpoints.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(user ? { 'x-test-user': user } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

let issuer: TestIssuer;
let green: string;
beforeAll(async () => {
  issuer = await makeTestIssuer();
  green = await issuer.issue({}, T0 - HOUR);
});

describeStores('sync routes', (store) => {
  let app: Hono<AppEnv>;
  let make: RecordMaker;
  beforeEach(async () => {
    await seedVenues(store());
    app = testApp(store(), issuer);
    make = new RecordMaker();
  });
  const count = () => store().records.countRecords();

  /** Sends body and expects the whole batch refused with status and code, and nothing stored. */
  async function refused(body: unknown, user: string | undefined, status: number, code: string) {
    const before = await count();
    const res = await post(app, body, user);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
    expect(await count()).toBe(before);
  }

  it('refuses out-of-range times and text that is not well-formed Unicode with 400, storing nothing', async () => {
    await refused(make.batch([make.record(green)], { sentAt: 1e20 }), 'inspector', 400, 'validation_failed');
    await refused(make.batch([make.record(green, { capturedAt: 1e20 })]), 'inspector', 400, 'validation_failed');
    await refused(make.batch([make.record(`${green}\uD800`)]), 'inspector', 400, 'validation_failed');
    await refused(make.batch([make.record('\uDC00')]), 'inspector', 400, 'validation_failed');
    expect(await store().records.getDevice('device-1')).toBeUndefined();
  });

  it('answers 200 with one result per record, in order', async () => {
    const a = make.record(green);
    const b = make.record(green, { venueId: 'venue-2' });
    const res = await post(app, make.batch([a, b, a]), 'inspector');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      results: [
        { id: a.id, status: 'accepted', flags: [] },
        { id: b.id, status: 'rejected', reason: 'not-bound-to-venue' },
        { id: a.id, status: 'duplicate' },
      ],
    });
    expect(await count()).toBe(1);
  });

  it('answers 401 without a session and 403 for a holder', async () => {
    const batch = make.batch([make.record(green)]);
    await refused(batch, undefined, 401, 'unauthenticated');
    await refused(batch, 'holder', 403, 'forbidden');
  });

  it('answers 413 batch_too_large for a body over 256 KB', async () => {
    const long = `${green}${' '.repeat(MAX_CODE_TEXT - green.length)}`;
    const batch = make.batch(Array.from({ length: 300 }, () => make.record(long)));
    expect(JSON.stringify(batch).length).toBeGreaterThan(MAX_BATCH_BYTES);
    await refused(batch, 'inspector', 413, 'batch_too_large');
  });

  it('answers 400 for more than 500 records, and for no records', async () => {
    const many = make.batch(Array.from({ length: MAX_BATCH_RECORDS + 1 }, () => make.record(green)));
    expect(JSON.stringify(many).length).toBeLessThan(MAX_BATCH_BYTES);
    await refused(many, 'inspector', 400, 'validation_failed');
    await refused(make.batch([]), 'inspector', 400, 'validation_failed');
  });

  it('answers 400 unknown_field for a field the contract does not have, in a record or the batch', async () => {
    await refused(make.batch([{ ...make.record(green), name: '张小明' } as never]), 'inspector', 400, 'unknown_field');
    await refused({ ...make.batch([make.record(green)]), note: 'x' }, 'inspector', 400, 'unknown_field');
  });

  it('answers 400 for a body that is not JSON and for records that break the schema', async () => {
    await refused('{"deviceId": "device-1", "records": [', 'inspector', 400, 'bad_request');
    await refused(make.batch([make.record(green), make.record(green, { temperature: 46 })]), 'inspector', 400, 'validation_failed');
    await refused(make.batch([make.record(green, { id: 'not-a-uuid' })]), 'inspector', 400, 'validation_failed');
  });

  it('answers a replayed batch with duplicates and stores nothing new', async () => {
    const batch = make.batch([make.record(green), make.record(green)]);
    expect((await post(app, batch, 'inspector')).status).toBe(200);
    const replay = await post(app, batch, 'inspector');
    expect(((await replay.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await count()).toBe(2);
  });
});
