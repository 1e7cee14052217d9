// Live codes from the server's side: a phone registers its device key, its codes carry it (cnf),
// and only a presentation signed by that phone's key is live at a gate.

import { expect, it } from 'vitest';
import { deviceKeysApi } from '../../shared/api/device-keys.js';
import { gateApi } from '../../shared/api/gate.js';
import { listsApi } from '../../shared/api/lists.js';
import { type MyCode, peopleApi } from '../../shared/api/people.js';
import { toBase64Url } from '../../shared/bytes.js';
import { decodeCbor } from '../../shared/code/cbor.js';
import { claimsFromCbor } from '../../shared/code/claims.js';
import { parseCodeText } from '../../shared/code/code-text.js';
import { publicJwkOf } from '../../shared/code/keys.js';
import { makeTestDevice } from '../../shared/code/live-testing.js';
import { presentCode } from '../../shared/code/presentation.js';
import { verifyCode } from '../../shared/code/verify.js';
import { openEnvelope, type Envelope } from '../../shared/envelope.js';
import { applyRedList, RedListSchema } from '../../shared/redlist.js';
import { loadTrustStore, TrustListSchema } from '../../shared/trust.js';
import { loadConfig } from '../config.js';
import { buildServices } from '../main.js';
import { seedPeople, signInAs, tempDataDir, testServer, TEST_ACTOR, TestClock, type TestServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';
import { MAX_DEVICE_KEYS_PER_ACCOUNT } from './device-keys.js';

const json = (body: unknown) => ({ method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function register(t: TestServer, cookie: string, jwk: unknown): Promise<Response> {
  const init = json({ jwk });
  return t.app.request(deviceKeysApi.register.path, { ...init, headers: { ...init.headers, cookie } });
}

async function myCode(t: TestServer, cookie: string, deviceKey?: string): Promise<Response> {
  const qs = deviceKey === undefined ? '' : `?deviceKey=${encodeURIComponent(deviceKey)}`;
  return t.app.request(`${peopleApi.myCode.path}${qs}`, { headers: { cookie } });
}

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

async function deviceLists(t: TestServer) {
  const roots = t.services.keys.files.readTrustRoots()!.roots;
  const trust = await openEnvelope((await (await t.app.request(listsApi.trust.path)).json()) as Envelope, roots, TrustListSchema);
  const red = await openEnvelope((await (await t.app.request(listsApi.redList.path)).json()) as Envelope, roots, RedListSchema);
  return { trust: await loadTrustStore(trust), red: applyRedList(undefined, red) };
}

const cnfOf = (text: string) => claimsFromCbor(decodeCbor(parseCodeText(text).payload)).cnf;

describeStores('device keys and live codes', (store) => {
  it('binds a registered phone key into the code, and only that phone shows it live', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const cookie = await signInAs(t, s, '+8613800000002');
    const phone = await makeTestDevice();
    const res = await register(t, cookie, await publicJwkOf(phone.publicKey));
    expect(res.status).toBe(200);
    const { deviceKey } = (await res.json()) as { deviceKey: string };
    expect(deviceKey).toMatch(/^[A-Za-z0-9_-]{11}$/);
    // Registering the same key again is harmless and answers the same id.
    expect(await (await register(t, cookie, await publicJwkOf(phone.publicKey))).json()).toEqual({ deviceKey });

    const bound = (await (await myCode(t, cookie, deviceKey)).json()) as MyCode;
    expect(toBase64Url(cnfOf(bound.text)!)).toBe(toBase64Url(phone.cnf));
    // Without the key id the phone gets an unbound code (older app versions; the transition switch).
    expect(cnfOf(((await (await myCode(t, cookie)).json()) as MyCode).text)).toBeUndefined();

    const { trust, red } = await deviceLists(t);
    const now = t.clock.t;
    const live = await verifyCode(await presentCode(bound.text, phone.privateKey, now), trust, red, now);
    expect(live).toMatchObject({ kind: 'green', presence: 'live' });
    const thief = await makeTestDevice();
    expect(await verifyCode(await presentCode(bound.text, thief.privateKey, now), trust, red, now)).toMatchObject({ kind: 'bad-signature', part: 'proof' });
    // The plain text of a bound code (a screenshot of an older app's QR) is not live.
    expect(await verifyCode(bound.text, trust, red, now)).toMatchObject({ kind: 'green', presence: 'not-live-checked' });
  });

  it('refuses a key id the account never registered, another account’s, and a forgotten one', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const green = await signInAs(t, s, '+8613800000002');
    const red = await signInAs(t, s, '+8613800000003');
    const { deviceKey } = (await (await register(t, red, await publicJwkOf((await makeTestDevice()).publicKey))).json()) as { deviceKey: string };
    const other = await myCode(t, green, deviceKey);
    expect([other.status, await errorCode(other)]).toEqual([404, 'device_key_unknown']);
    const never = await myCode(t, green, 'AAAAAAAAAAA');
    expect([never.status, await errorCode(never)]).toEqual([404, 'device_key_unknown']);

    // An account keeps its five most recently used keys; the sixth phone pushes the oldest out.
    const ids: string[] = [];
    for (let i = 0; i <= MAX_DEVICE_KEYS_PER_ACCOUNT; i++) {
      t.clock.advance(1000);
      ids.push(((await (await register(t, green, await publicJwkOf((await makeTestDevice()).publicKey))).json()) as { deviceKey: string }).deviceKey);
    }
    expect(await errorCode(await myCode(t, green, ids[0]))).toBe('device_key_unknown');
    for (const id of ids.slice(1)) expect((await myCode(t, green, id)).status).toBe(200);
    expect((await s.deviceKeys.ofUser('u-green')).length).toBe(MAX_DEVICE_KEYS_PER_ACCOUNT);
  });

  it('refuses staff, strangers and anything that is not a public P-256 key, storing nothing', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const jwk = await publicJwkOf((await makeTestDevice()).publicKey);
    expect((await t.app.request(deviceKeysApi.register.path, json({ jwk }))).status).toBe(401);
    const inspector = await signInAs(t, s, '+8613800000001');
    const forbidden = await register(t, inspector, jwk);
    expect([forbidden.status, await errorCode(forbidden)]).toEqual([403, 'forbidden']);

    const holder = await signInAs(t, s, '+8613800000002');
    const bad: [unknown, string][] = [
      [{ ...jwk, d: 'A'.repeat(43) }, 'unknown_field'], // a private key is never sent
      [{ ...jwk, crv: 'P-384' }, 'validation_failed'],
      [{ ...jwk, x: jwk.x!.slice(1) }, 'validation_failed'],
      [{ ...jwk, y: jwk.x }, 'validation_failed'], // the right sizes, but not a point on the curve
    ];
    for (const [body, code] of bad) {
      const res = await register(t, holder, body);
      expect([res.status, await errorCode(res)], JSON.stringify(body)).toEqual([400, code]);
    }
    // Not an object at all: refused by the shared body reader (its code is the router's business).
    expect((await register(t, holder, 'not a key')).status).toBe(400);
    const badId = await myCode(t, holder, 'not an id!');
    expect([badId.status, await errorCode(badId)]).toEqual([400, 'validation_failed']);
    const extra = await t.app.request(`${peopleApi.myCode.path}?deviceKey=AAAAAAAAAAA&x=1`, { headers: { cookie: holder } });
    expect(await errorCode(extra)).toBe('unknown_field');
    expect(await s.deviceKeys.ofUser('u-green')).toEqual([]);
  });

  it('tells inspectors the live-code policy the server re-verifies with', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    expect((await t.app.request(gateApi.policy.path)).status).toBe(401);
    const holder = await signInAs(t, s, '+8613800000002');
    expect((await t.app.request(gateApi.policy.path, { headers: { cookie: holder } })).status).toBe(403);
    const inspector = await signInAs(t, s, '+8613800000001');
    const res = await t.app.request(gateApi.policy.path, { headers: { cookie: inspector } });
    expect(await res.json()).toEqual({ acceptWithoutProof: true, liveToleranceMs: 120_000, maxValidityHours: { phone: 720, printed: 366 * 24 } });
  });

  it('turns the transition switch off from the config: the server then judges a plain phone code a replay', async () => {
    const s = store();
    await seedPeople(s);
    const clock = new TestClock();
    const config = loadConfig({ HG_DATA_DIR: tempDataDir(), HG_ACCEPT_UNBOUND_CODES: '0' });
    const services = buildServices(config, s, { now: clock.now, log: () => undefined, recheckMs: 0 });
    await services.keys.ensureKeys(TEST_ACTOR);
    expect(services.gatePolicy).toEqual({ acceptWithoutProof: false, liveToleranceMs: 120_000, maxValidityHours: { phone: 720, printed: 366 * 24 } });
    const phone = await makeTestDevice();
    const plain = await services.codes.codeFor('p-green');
    expect(await services.verifier.verify(plain.text, clock.t)).toMatchObject({ kind: 'replay', because: 'no-proof' });
    const bound = await services.codes.codeFor('p-green', { cnf: phone.cnf });
    const shown = await presentCode(bound.text, phone.privateKey, clock.t);
    expect(await services.verifier.verify(shown, clock.t)).toMatchObject({ kind: 'green', presence: 'live' });
  });
});
