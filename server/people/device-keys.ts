// Holder phones' device keys: a phone registers the public half of its non-extractable key, and
// asks for its codes by the key's id; the code service then binds that key into them (cnf).
// No proof of possession is asked for: a code bound to a key one does not hold cannot be shown live.

import { toBase64Url, fromBase64Url, sha256 } from '../../shared/bytes.js';
import { compressedKeyFromJwk, PointError } from '../../shared/code/p256.js';
import { DeviceKeyUnknownError, ValidationError } from '../../shared/errors.js';
import type { UserActor } from '../auth/actor.js';
import type { Store } from '../store/store.js';

/** An account keeps this many phones' keys; registering one more forgets the least recently used. */
export const MAX_DEVICE_KEYS_PER_ACCOUNT = 5;

export async function deviceKeyId(cnf: Uint8Array): Promise<string> {
  return toBase64Url((await sha256(cnf)).slice(0, 8));
}

export class DeviceKeyService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores the key for the account (idempotent) and returns the id the phone asks with. */
  async register(user: UserActor, jwk: JsonWebKey): Promise<string> {
    let cnf: Uint8Array;
    try {
      cnf = compressedKeyFromJwk(jwk);
    } catch (e) {
      if (e instanceof PointError) throw new ValidationError(`jwk: ${e.message}`);
      throw e;
    }
    const keyId = await deviceKeyId(cnf);
    const at = this.now();
    await this.store.transaction(async (tx) => {
      await tx.deviceKeys.upsert({ user_id: user.id, key_id: keyId, cnf: toBase64Url(cnf), created_at: at, last_used_at: at });
      const stale = (await tx.deviceKeys.ofUser(user.id)).slice(MAX_DEVICE_KEYS_PER_ACCOUNT).map((k) => k.key_id);
      await tx.deviceKeys.remove(user.id, stale);
    });
    return keyId;
  }

  /** The compressed point to bind into this account's codes; DeviceKeyUnknownError if it was never registered or has been forgotten. */
  async cnfFor(user: UserActor, keyId: string): Promise<Uint8Array> {
    const row = await this.store.deviceKeys.get(user.id, keyId);
    if (!row) throw new DeviceKeyUnknownError();
    const at = this.now();
    // Once a day is enough to keep the order of use; a write per code request is not needed.
    if (at - row.last_used_at > 86_400_000) await this.store.deviceKeys.touch(user.id, keyId, at);
    return fromBase64Url(row.cnf);
  }
}
