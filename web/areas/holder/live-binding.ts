// Binding the holder's codes to this phone: the device key is made once (web/db/device-keys.ts),
// registered once per account, and every code is asked for with its id, so the server puts the key
// in the code's cnf and only this phone can show it live. Where the phone cannot make or register
// a key, it gets an unbound code, which gates still read (marked "not live-checked"). A chunk of
// its own, loaded with the first code request, so the code page's first paint does not carry it.

import { signal } from '@preact/signals';
import { deviceKeysApi } from '../../../shared/api/device-keys.js';
import { membersApi, type Member } from '../../../shared/api/members.js';
import { peopleApi, type MyCode } from '../../../shared/api/people.js';
import type { ServerTimeSeen } from '../../../shared/clock.js';
import { appDb, getMeta, setMeta } from '../../db/db.js';
import { devicePublicJwk, forgetRegisteredKey, registeredKeyId, rememberRegisteredKey } from '../../db/device-keys.js';
import { ApiError, call } from '../../http.js';

const TIMEOUT_MS = 10_000;

/** When the server's clock was last seen next to this phone's (the holder page's clock hint). */
export const serverTimeSeen = signal<ServerTimeSeen | undefined>(undefined);
/** This browser cannot keep a device key (no WebCrypto or IndexedDB): stop trying until a reload. */
let cannotBind = false;

export async function loadServerTimeSeen(): Promise<void> {
  serverTimeSeen.value ??= await getMeta(appDb(), 'serverTimeSeen').catch(() => undefined);
}

/** The Date header of an answer, next to this phone's clock at that moment. */
function noteServerTime(res: Response): void {
  const date = Date.parse(res.headers.get('date') ?? '');
  if (!Number.isFinite(date)) return;
  // The header is in whole seconds, cut down: the server's clock was half a second later on average.
  const seen = { serverTime: date + 500, deviceTime: Date.now() };
  serverTimeSeen.value = seen;
  void setMeta(appDb(), 'serverTimeSeen', seen).catch(() => undefined);
}

/** This phone's key id for the account, registering the key first if needed; undefined if it cannot have one. */
async function boundKeyId(userId: string): Promise<string | undefined> {
  if (cannotBind) return undefined;
  const db = appDb();
  const held = await registeredKeyId(db, userId).catch(() => undefined);
  if (held) return held;
  let jwk: JsonWebKey;
  try {
    jwk = await devicePublicJwk(db);
  } catch {
    cannotBind = true;
    return undefined;
  }
  try {
    const { deviceKey } = await call(deviceKeysApi.register, {
      body: { jwk: { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' } },
      timeoutMs: TIMEOUT_MS,
      onResponse: noteServerTime,
    });
    await rememberRegisteredKey(db, userId, deviceKey);
    return deviceKey;
  } catch (e) {
    // The server refused the key (or is too old to know the route): an unbound code today, another try next time.
    if (e instanceof ApiError && e.code !== 'unauthenticated') return undefined;
    throw e;
  }
}

/**
 * The signed-in holder's code (or, with memberId, a member's), bound to this phone when it can be.
 * Network failures are thrown as call() throws them; a server that has forgotten the key gets it
 * registered again, once.
 */
export async function fetchMyCode(userId: string, memberId?: string): Promise<{ code: MyCode; deviceKey?: string; canBind: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const deviceKey = await boundKeyId(userId);
    try {
      const query = deviceKey ? { deviceKey } : {};
      const options = { query, timeoutMs: TIMEOUT_MS, onResponse: noteServerTime };
      const code = memberId ? await call(membersApi.memberCode, { ...options, params: { id: memberId } }) : await call(peopleApi.myCode, options);
      return deviceKey ? { code, deviceKey, canBind: true } : { code, canBind: !cannotBind };
    } catch (e) {
      if (attempt > 0 || !(e instanceof ApiError) || e.code !== 'device_key_unknown') throw e;
      await forgetRegisteredKey(appDb(), userId);
    }
  }
}

/** The account's own person and the people it looks after. */
export async function fetchMembers(): Promise<Member[]> {
  return (await call(membersApi.members, { timeoutMs: TIMEOUT_MS })).members;
}
