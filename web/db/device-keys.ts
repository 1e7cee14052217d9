// The holder phone's device key: an ECDSA P-256 pair made once with WebCrypto, its private half
// non-extractable, kept in IndexedDB as CryptoKey objects (structured clone) and never exported.
// The server binds the public half into each code it gives this phone (the cnf claim), and the
// private half signs the live presentation the gate checks (shared/code/presentation.ts).

import { ES256, publicJwkOf } from '../../shared/code/keys.js';
import { deleteMeta, getMeta, setMeta, type DeviceKeyRow, type HgDb } from './db.js';

const ROW_ID = 'device';

export type DeviceKey = Omit<DeviceKeyRow, 'id'>;

const making = new WeakMap<HgDb, Promise<DeviceKey>>();

/** The device key, made and stored on first use; the same key on every later call and after a reload. */
export function deviceKey(db: HgDb, now: () => number = Date.now): Promise<DeviceKey> {
  let key = making.get(db);
  if (!key) {
    key = loadOrCreate(db, now);
    making.set(db, key);
    key.catch(() => making.delete(db)); // a failed attempt (storage full, blocked) is retried next time
  }
  return key;
}

/** The stored key, without making one (e.g. to know whether this phone has asked for bound codes yet). */
export async function storedDeviceKey(db: HgDb): Promise<DeviceKey | undefined> {
  return strip(await db.deviceKeys.get(ROW_ID));
}

/** What the server needs to bind codes to this phone: the public key as a JWK {kty, crv, x, y}. */
export async function devicePublicJwk(db: HgDb): Promise<JsonWebKey> {
  return publicJwkOf((await deviceKey(db)).publicKey);
}

async function loadOrCreate(db: HgDb, now: () => number): Promise<DeviceKey> {
  const held = await db.deviceKeys.get(ROW_ID);
  if (held) return strip(held)!;
  // Made outside the transaction: an IndexedDB transaction ends while it waits on anything else.
  const pair = (await crypto.subtle.generateKey(ES256, false, ['sign', 'verify'])) as CryptoKeyPair;
  const row: DeviceKeyRow = { id: ROW_ID, privateKey: pair.privateKey, publicKey: pair.publicKey, createdAt: now() };
  // Another tab may have stored one meanwhile: the first one stored stays, so every code on
  // this phone is bound to one key.
  return strip(
    await db.transaction('rw', db.deviceKeys, async () => {
      const raced = await db.deviceKeys.get(ROW_ID);
      if (raced) return raced;
      await db.deviceKeys.add(row);
      return row;
    }),
  )!;
}

function strip(row: DeviceKeyRow | undefined): DeviceKey | undefined {
  return row && { privateKey: row.privateKey, publicKey: row.publicKey, createdAt: row.createdAt };
}

/** The id the server gave this phone's key for an account, once the key is registered for it. */
export function registeredKeyId(db: HgDb, userId: string): Promise<string | undefined> {
  return getMeta(db, `deviceKey:${userId}`);
}

export function rememberRegisteredKey(db: HgDb, userId: string, keyId: string): Promise<void> {
  return setMeta(db, `deviceKey:${userId}`, keyId);
}

/** The server no longer knows the key for this account (it keeps a few phones per account): register again. */
export function forgetRegisteredKey(db: HgDb, userId: string): Promise<void> {
  return deleteMeta(db, `deviceKey:${userId}`);
}
