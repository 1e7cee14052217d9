// The trust list: which keys may sign health codes, and in which state. Versioned and signed by a
// trust root whose public key the PWA is built with. A newer list never brings back a key that an
// older one withdrew, and an older list never replaces a newer one.

import * as v from 'valibot';
import { fromBase64Url } from './bytes.js';
import { importPublicJwk } from './code/keys.js';

export const KEY_STATES = ['active', 'retired', 'withdrawn'] as const;
export type KeyState = (typeof KEY_STATES)[number];

const JwkSchema = v.strictObject({
  kty: v.literal('EC'),
  crv: v.literal('P-256'),
  x: v.pipe(v.string(), v.maxLength(64)),
  y: v.pipe(v.string(), v.maxLength(64)),
});

export const TrustKeySchema = v.strictObject({
  kid: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{11}$/)),
  jwk: JwkSchema,
  /** Epoch ms. Codes issued outside [validFrom, validTo] under this key do not verify. */
  validFrom: v.number(),
  validTo: v.number(),
  state: v.picklist(KEY_STATES),
});
export type TrustKey = v.InferOutput<typeof TrustKeySchema>;

export const TrustListSchema = v.strictObject({
  v: v.literal(1),
  iss: v.string(),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** Epoch ms when the server signed this copy: the list's age is measured from here. */
  issuedAt: v.number(),
  keys: v.pipe(v.array(TrustKeySchema), v.maxLength(1000)),
});
export type TrustList = v.InferOutput<typeof TrustListSchema>;

export class TrustRollbackError extends Error {
  override name = 'TrustRollbackError';
}

const keyId = (k: TrustKey) => `${k.kid}:${k.jwk.x}:${k.jwk.y}`;

/**
 * The list a device should hold after receiving `incoming`: rejects an older version, and keeps
 * every key the held list withdrew withdrawn (a forged or buggy update cannot revive it).
 */
export function acceptTrustList(held: TrustList | undefined, incoming: TrustList): TrustList {
  if (!held) return incoming;
  if (incoming.version < held.version) throw new TrustRollbackError(`trust list ${incoming.version} is older than ${held.version}`);
  const withdrawn = new Map(held.keys.filter((k) => k.state === 'withdrawn').map((k) => [keyId(k), k]));
  const keys = incoming.keys.map((k) => (withdrawn.has(keyId(k)) ? { ...k, state: 'withdrawn' as const } : k));
  const seen = new Set(keys.map(keyId));
  for (const [id, k] of withdrawn) if (!seen.has(id)) keys.push(k);
  return { ...incoming, keys };
}

/** A trust list with its keys imported, ready for verifyCode. */
export interface TrustStore {
  iss: string;
  version: number;
  issuedAt: number;
  keys: { kid: Uint8Array; key: CryptoKey; validFrom: number; validTo: number; state: KeyState }[];
}

export async function loadTrustStore(list: TrustList): Promise<TrustStore> {
  const keys = await Promise.all(
    list.keys.map(async (k) => ({
      kid: fromBase64Url(k.kid),
      key: await importPublicJwk(k.jwk),
      validFrom: k.validFrom,
      validTo: k.validTo,
      state: k.state,
    })),
  );
  return { iss: list.iss, version: list.version, issuedAt: list.issuedAt, keys };
}
