import Database from 'better-sqlite3';
import { createPublicKey, verify as ecdsaVerify } from 'node:crypto';
import { Hono } from 'hono';
import { expect, it, onTestFinished } from 'vitest';
import { authApi } from '../../shared/api/auth.js';
import { deviceKeysApi } from '../../shared/api/device-keys.js';
import { listsApi } from '../../shared/api/lists.js';
import { type MyCode, peopleApi } from '../../shared/api/people.js';
import { verifyCode } from '../../shared/code/verify.js';
import { openEnvelope, type Envelope } from '../../shared/envelope.js';
import { applyRedList, RedListSchema } from '../../shared/redlist.js';
import { loadTrustStore, TrustListSchema, type TrustList } from '../../shared/trust.js';
import { publicJwkOf } from '../../shared/code/keys.js';
import { makeTestDevice } from '../../shared/code/live-testing.js';
import type { AppEnv } from '../http/context.js';
import { SESSION_COOKIE } from '../http/security.js';
import { seedPeople, signInAs, testServer, TEST_ACTOR, type TestServer } from '../testing/server.js';
import { cachedCodeFirst } from './routes.js';
import { describeStores, openSqliteFile } from '../testing/stores.js';

/** What a device does: fetch both lists, check them against the built-in root, verify. */
async function verifyAsDevice(t: TestServer, text: string) {
  const roots = t.services.keys.files.readTrustRoots()!.roots;
  const trust = await openEnvelope((await (await t.app.request(listsApi.trust.path)).json()) as Envelope, roots, TrustListSchema);
  const red = await openEnvelope((await (await t.app.request(listsApi.redList.path)).json()) as Envelope, roots, RedListSchema);
  return verifyCode(text, await loadTrustStore(trust), applyRedList(undefined, red), t.clock.t);
}

// --- an independent reading of the code: our own Base45 and byte-level COSE, no shared/ code ---

function base45Decode(s: string): Uint8Array {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 3) {
    const [c, d, e] = [...s.slice(i, i + 3)].map((ch) => alphabet.indexOf(ch));
    const n = c! + d! * 45 + (e === undefined ? 0 : e * 45 * 45);
    if (e === undefined) out.push(n);
    else out.push(n >> 8, n & 0xff);
  }
  return Uint8Array.from(out);
}

/** Reads a CBOR byte string header (major type 2) at `at`: [start of content, length]. */
function bstrAt(b: Uint8Array, at: number): [number, number] {
  const ib = b[at]!;
  expect(ib >> 5).toBe(2);
  const info = ib & 0x1f;
  if (info < 24) return [at + 1, info];
  if (info === 24) return [at + 2, b[at + 1]!];
  if (info === 25) return [at + 3, (b[at + 1]! << 8) | b[at + 2]!];
  throw new Error('byte string too long for a health code');
}

function bstrHeader(len: number): number[] {
  return len < 24 ? [0x40 | len] : len < 256 ? [0x58, len] : [0x59, len >> 8, len & 0xff];
}

function independentlyVerify(text: string, trust: TrustList): boolean {
  expect(text.startsWith('HG1:')).toBe(true);
  const cose = base45Decode(text.slice(4));
  expect([cose[0], cose[1]]).toEqual([0xd2, 0x84]); // tag 18, array of 4
  const [pStart, pLen] = bstrAt(cose, 2);
  const prot = cose.slice(pStart, pStart + pLen);
  // Protected header {1: -7, 4: h'<8-byte kid>'}: A2 01 26 04 48 <kid>.
  expect([...prot.slice(0, 5)]).toEqual([0xa2, 0x01, 0x26, 0x04, 0x48]);
  const kid = Buffer.from(prot.slice(5, 13)).toString('base64url');
  const unprotectedAt = pStart + pLen;
  expect(cose[unprotectedAt]).toBe(0xa0); // empty map
  const [payloadStart, payloadLen] = bstrAt(cose, unprotectedAt + 1);
  const payload = cose.slice(payloadStart, payloadStart + payloadLen);
  const [sigStart, sigLen] = bstrAt(cose, payloadStart + payloadLen);
  expect(sigLen).toBe(64);
  const sig = cose.slice(sigStart, sigStart + sigLen);
  // Sig_structure = ["Signature1", protected, h'', payload]
  const toBeSigned = Buffer.from([
    0x84,
    0x6a,
    ...Buffer.from('Signature1'),
    ...bstrHeader(prot.length),
    ...prot,
    0x40,
    ...bstrHeader(payload.length),
    ...payload,
  ]);
  const published = trust.keys.find((k) => k.kid === kid);
  expect(published).toBeDefined();
  const key = createPublicKey({ key: published!.jwk, format: 'jwk' });
  return ecdsaVerify('sha256', toBeSigned, { key, dsaEncoding: 'ieee-p1363' }, sig);
}

describeStores('my code', (store) => {
  it('gives a holder a fresh code that a device verifies as green', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const cookie = await signInAs(t, s, '+8613800000002');
    const res = await t.app.request(peopleApi.myCode.path, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as MyCode;
    expect(body).toMatchObject({ status: 'green', reason: 'none', kind: 'resident', maskedName: '张*明', issuedAt: t.clock.t - (t.clock.t % 1000) });
    expect(body.expiresAt - body.issuedAt).toBe(72 * 3600_000);
    const verdict = await verifyAsDevice(t, body.text);
    expect(verdict).toMatchObject({ kind: 'green', code: { sub: 'Z3JlZW4tMDE', maskedName: '张*明', kind: 'resident', iss: 'CN-44' } });
    if (verdict.kind === 'green') expect(verdict.code.cti).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives the red holder a red code with its reason, and the device sees red', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const cookie = await signInAs(t, s, '+8613800000003');
    const body = (await (await t.app.request(peopleApi.myCode.path, { headers: { cookie } })).json()) as MyCode;
    expect(body).toMatchObject({ status: 'red', reason: 'close-contact', maskedName: '*红' });
    expect(await verifyAsDevice(t, body.text)).toMatchObject({ kind: 'red', reason: 'close-contact' });
  });

  it('serves the same signed code again until half its life, then a new one', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    let cookie = await signInAs(t, s, '+8613800000002');
    const get = async () => (await (await t.app.request(peopleApi.myCode.path, { headers: { cookie } })).json()) as MyCode;
    const a = await get();
    expect((await get()).text).toBe(a.text);
    // Sessions are shorter than half a code's life: sign in again (which moves the clock 61 s) just before it.
    t.clock.t = a.issuedAt + (a.expiresAt - a.issuedAt) / 2 - 120_000;
    cookie = await signInAs(t, s, '+8613800000002');
    expect((await get()).text).toBe(a.text);
    t.clock.advance(60_000);
    const b = await get();
    expect(b.text).not.toBe(a.text);
    expect(b.issuedAt).toBe(t.clock.t - (t.clock.t % 1000));
  });

  it('signs anew at once when the status changes, through this process or straight in the database', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const cookie = await signInAs(t, s, '+8613800000002');
    const get = async () => (await (await t.app.request(peopleApi.myCode.path, { headers: { cookie } })).json()) as MyCode;
    expect((await get()).status).toBe('green');
    t.clock.advance(1000);
    await t.services.status.setStatus('p-green', 'red', 'close-contact', { kind: 'operator', name: 'test' });
    expect(await get()).toMatchObject({ status: 'red', reason: 'close-contact' });
    t.clock.advance(1000);
    // Another process (or a feed import) writing the row: the next request sees it too.
    await s.people.setStatus('p-green', 'green', 'none', t.clock.t);
    expect(await get()).toMatchObject({ status: 'green', reason: 'none' });
  });

  it('signs anew when the trust list changes (a key created or withdrawn)', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const cookie = await signInAs(t, s, '+8613800000002');
    const get = async () => (await (await t.app.request(peopleApi.myCode.path, { headers: { cookie } })).json()) as MyCode;
    const a = await get();
    expect((await get()).text).toBe(a.text);
    const old = (await t.services.keys.list()).find((k) => k.state === 'active')!;
    await t.services.keys.createSigningKey({ kind: 'operator', name: 'test' });
    await t.services.keys.withdraw(old.kid, { kind: 'operator', name: 'test' });
    const b = await get();
    expect(b.text).not.toBe(a.text);
    expect((await verifyAsDevice(t, b.text)).kind).toBe('green');
    expect((await verifyAsDevice(t, a.text)).kind).toBe('unknown-key');
  });

  it('verifies with the published key by an independent COSE reading (node:crypto)', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const code = await t.services.codes.codeFor('p-green');
    const roots = t.services.keys.files.readTrustRoots()!.roots;
    const trust = await openEnvelope((await (await t.app.request(listsApi.trust.path)).json()) as Envelope, roots, TrustListSchema);
    expect(independentlyVerify(code.text, trust)).toBe(true);
    // The same reading refuses a code whose payload was changed after signing.
    const tampered = code.text.slice(0, 60) + (code.text[60] === '0' ? '1' : '0') + code.text.slice(61);
    expect(independentlyVerify(tampered, trust)).toBe(false);
  });

  it('refuses staff and strangers, and holders without a person', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    await s.accounts.createUser({ id: 'u-lone', phone: '+8613800000009', role: 'holder', person_id: null, created_at: 1 });
    expect((await t.app.request(peopleApi.myCode.path)).status).toBe(401);
    const inspector = await signInAs(t, s, '+8613800000001');
    const forbidden = await t.app.request(peopleApi.myCode.path, { headers: { cookie: inspector } });
    expect([forbidden.status, ((await forbidden.json()) as { error: { code: string } }).error.code]).toEqual([403, 'forbidden']);
    const lone = await signInAs(t, s, '+8613800000009');
    const none = await t.app.request(peopleApi.myCode.path, { headers: { cookie: lone } });
    expect([none.status, ((await none.json()) as { error: { code: string } }).error.code]).toEqual([404, 'no_code']);
  });
});

/**
 * The rush-hour middleware in front of the whole app, counting what it passes on: the app behind it
 * answers everything it does not (the app's own copy of the middleware included, which it shares
 * the sessions and the cache with).
 */
function rushHourFront(t: TestServer) {
  const front = new Hono<AppEnv>();
  front.use(peopleApi.myCode.path, cachedCodeFirst(t.services.sessions, t.services.codeCache!, SESSION_COOKIE));
  let passedOn = 0;
  front.all('*', (c) => {
    passedOn++;
    return t.app.fetch(c.req.raw);
  });
  return { request: (path: string, init?: RequestInit) => front.request(path, init), passedOn: () => passedOn };
}

/** The key ring and red list checked at most once a (test-clock) second, as served: tests elsewhere check on every request. */
const RUSH_HOUR = { recheckMs: 1000 };

/** An answer as a client reads it: status, every header, body. */
async function seen(res: Response) {
  return { status: res.status, headers: [...res.headers], body: await res.text() };
}

describeStores('my code at rush hour', (store, engine) => {
  it('answers a phone asking again before the rest of the app: the full answer, byte for byte (SQLite; PostgreSQL goes the full way)', async () => {
    const s = store();
    const t = await testServer(s, RUSH_HOUR);
    await seedPeople(s);
    const cookie = await signInAs(t, s, '+8613800000002');
    const registered = await t.app.request(deviceKeysApi.register.path, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ jwk: await publicJwkOf((await makeTestDevice()).publicKey) }),
    });
    const { deviceKey } = (await registered.json()) as { deviceKey: string };
    const front = rushHourFront(t);
    for (const path of [peopleApi.myCode.path, `${peopleApi.myCode.path}?deviceKey=${deviceKey}`]) {
      const before = front.passedOn();
      const full = await seen(await front.request(path, { headers: { cookie } }));
      expect(full.status).toBe(200);
      expect(full.headers).toContainEqual(['cache-control', 'no-store']);
      expect(full.headers.map(([name]) => name)).toContain('content-security-policy');
      const again = await seen(await front.request(path, { headers: { cookie } }));
      expect(again).toEqual(full);
      // SQLite holds sessions it can check without a promise; PostgreSQL's epoch is read per turn.
      expect(front.passedOn() - before).toBe(engine === 'sqlite' ? 1 : 2);
    }
  });

  it('goes the full way for anything the full path would answer otherwise, and then answers as it does', async () => {
    const s = store();
    const t = await testServer(s, RUSH_HOUR);
    await seedPeople(s);
    const cookie = await signInAs(t, s, '+8613800000002');
    const inspector = await signInAs(t, s, '+8613800000001');
    const front = rushHourFront(t);
    const path = peopleApi.myCode.path;
    await front.request(path, { headers: { cookie } });
    await front.request(path, { headers: { cookie } }); // headers taken, code cached
    const passedOn = async (init: RequestInit & { path?: string }) => {
      const before = front.passedOn();
      const res = await front.request(init.path ?? path, init);
      expect(front.passedOn() - before, `${init.method ?? 'GET'} ${init.path ?? path}`).toBe(1);
      return res;
    };
    expect((await passedOn({})).status).toBe(401);
    expect((await passedOn({ headers: { cookie: `${SESSION_COOKIE}=not-a-session` } })).status).toBe(401);
    expect((await passedOn({ headers: { cookie: inspector } })).status).toBe(403);
    // Queries the endpoint refuses, two of which a careless reading would take for no device key.
    for (const query of ['?more=1', '?deviceKey=', '?deviceKey=' + 'x'.repeat(300)]) {
      expect((await passedOn({ path: path + query, headers: { cookie } })).status).toBe(400);
    }
    expect((await passedOn({ path: `${path}?deviceKey=AAAAAAAAAAA`, headers: { cookie } })).status).toBe(404);
    expect((await passedOn({ method: 'HEAD', headers: { cookie } })).status).toBe(200);
    expect((await passedOn({ method: 'POST', headers: { cookie } })).status).toBe(404);
    expect((await passedOn({ headers: { cookie, 'content-length': String(1 << 20) } })).status).toBe(413);
    // A changed status: the full path signs a new code, which the front then serves.
    t.clock.advance(1000);
    await t.services.status.setStatus('p-green', 'red', 'close-contact', TEST_ACTOR);
    expect(((await (await passedOn({ headers: { cookie } })).json()) as MyCode).status).toBe('red');
    // Signed out: the session is gone for the front as for the full path.
    await t.app.request(authApi.signOut.path, { method: 'POST', headers: { cookie } });
    expect((await passedOn({ headers: { cookie } })).status).toBe(401);
  });
});

it('on SQLite, a session ended by another connection to the file is not answered at the front', async () => {
  const { store: s, file, cleanup } = await openSqliteFile();
  onTestFinished(cleanup);
  const t = await testServer(s, RUSH_HOUR);
  await seedPeople(s);
  const cookie = await signInAs(t, s, '+8613800000002');
  const front = rushHourFront(t);
  await front.request(peopleApi.myCode.path, { headers: { cookie } });
  expect((await front.request(peopleApi.myCode.path, { headers: { cookie } })).status).toBe(200);
  const before = front.passedOn();
  // An operator's sqlite3 shell, say.
  const cli = new Database(file);
  cli.prepare('DELETE FROM sessions').run();
  cli.close();
  expect((await front.request(peopleApi.myCode.path, { headers: { cookie } })).status).toBe(401);
  expect(front.passedOn() - before).toBe(1);
});
