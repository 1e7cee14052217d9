import 'fake-indexeddb/auto';
import { Dexie } from 'dexie/dist/modern/dexie.mjs';
import { describe, expect, it } from 'vitest';
import { compressedKeyFromJwk } from '../../shared/code/p256.js';
import { presentCode } from '../../shared/code/presentation.js';
import { verifyCode } from '../../shared/code/verify.js';
import { makeTestIssuer, T0 } from '../../shared/testing.js';
import { deviceKey, devicePublicJwk, storedDeviceKey } from './device-keys.js';
import { freshDb } from './testing.js';

const spki = async (k: CryptoKey) => new Uint8Array(await crypto.subtle.exportKey('spki', k));

// Node's structuredClone (which fake-indexeddb uses) clones CryptoKey objects, non-extractable
// ones included, as browsers do: so these tests store and reload real keys.
describe('device key', () => {
  it('is made once, non-extractable, and is the same key after the database is reopened', async () => {
    const name = `device-key-${Math.random()}`;
    const db = freshDb(name);
    expect(await storedDeviceKey(db)).toBeUndefined();
    const key = await deviceKey(db, () => T0);
    expect(key.createdAt).toBe(T0);
    expect([key.privateKey.extractable, key.privateKey.usages]).toEqual([false, ['sign']]);
    await expect(crypto.subtle.exportKey('jwk', key.privateKey)).rejects.toThrow();
    db.close();

    const reopened = freshDb(name);
    const again = await deviceKey(reopened);
    expect(await spki(again.publicKey)).toEqual(await spki(key.publicKey));
    expect(again.privateKey.extractable).toBe(false);
    // The reloaded private key still signs, and its public half verifies it.
    const data = new Uint8Array([1, 2, 3]);
    const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, again.privateKey, data);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key.publicKey, sig, data)).toBe(true);
  });

  it('gives one key to concurrent callers, in this tab and in another one', async () => {
    const name = `device-key-race-${Math.random()}`;
    const [a, b] = [freshDb(name), freshDb(name)];
    const keys = await Promise.all([deviceKey(a), deviceKey(a), deviceKey(b), deviceKey(b)]);
    const all = await Promise.all(keys.map((k) => spki(k.publicKey)));
    for (const k of all) expect(k).toEqual(all[0]);
    expect(await a.deviceKeys.count()).toBe(1);
  });

  it('exports the public JWK the server binds into a code, and the key presents that code live', async () => {
    const db = freshDb();
    const jwk = await devicePublicJwk(db);
    expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    const iss = await makeTestIssuer();
    const code = await iss.issue({ cnf: compressedKeyFromJwk(jwk) });
    const text = await presentCode(code, (await deviceKey(db)).privateKey, T0 + 1000);
    const redList = { version: 1, issuedAt: T0, salt: 's', entries: new Set<string>() };
    expect(await verifyCode(text, iss.trust, redList, T0 + 1000)).toMatchObject({ kind: 'green', presence: 'live' });
  });

  it('adds its table to a version-1 database without touching what is there', async () => {
    const name = `device-key-upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ outbox: 'id, seq, capturedAt', receipts: 'id, ackedAt', rejected: 'id, rejectedAt', codes: 'userId', lists: 'name', meta: 'key' });
    await v1.table('meta').put({ key: 'deviceId', value: 'dev-1' });
    v1.close();
    const db = freshDb(name);
    await deviceKey(db);
    expect(await db.meta.get('deviceId')).toEqual({ key: 'deviceId', value: 'dev-1' });
    expect(db.verno).toBe(2);
  });
});
