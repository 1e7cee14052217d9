// The trust list: which keys may sign health codes, and in which state. Versioned and signed by a
// trust root whose public key the PWA is built with. A newer list never brings back a key that an
// older one withdrew, and an older list never replaces a newer one.

import * as v from 'valibot';
import { fromBase64Url } from './bytes.js';
import { importPublicJwk } from './code/keys.js';

/**
 * standby: published ahead of use (devices learn it before its first code); active: signs codes;
 * retired: signs no more, its codes verify until they expire; withdrawn: compromised — codes it
 * signed from `withdrawnFrom` on are refused (all of them when that is absent).
 */
export const KEY_STATES = ['standby', 'active', 'retired', 'withdrawn'] as const;
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
  /** Withdrawn keys only: codes issued at or after this instant (epoch ms) are refused; before it they stay valid. */
  withdrawnFrom: v.optional(v.number()),
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

/** The earlier of two withdrawal points; absent means "from the start", the earliest of all. */
function earlierWithdrawal(a: TrustKey, b: TrustKey): number | undefined {
  if (a.withdrawnFrom === undefined || b.withdrawnFrom === undefined) return undefined;
  return Math.min(a.withdrawnFrom, b.withdrawnFrom);
}

/**
 * The list a device should hold after receiving `incoming`: rejects an older version, keeps every
 * key the held list withdrew withdrawn — from the earlier of the two withdrawal points — and never
 * lets a key's validity grow back. A forged or buggy update can tighten trust, never loosen it.
 */
export function acceptTrustList(held: TrustList | undefined, incoming: TrustList): TrustList {
  if (!held) return incoming;
  if (incoming.version < held.version) throw new TrustRollbackError(`trust list ${incoming.version} is older than ${held.version}`);
  const heldKeys = new Map(held.keys.map((k) => [keyId(k), k]));
  const keys = incoming.keys.map((k): TrustKey => {
    const before = heldKeys.get(keyId(k));
    if (!before) return k;
    const merged: TrustKey = { ...k, validTo: Math.min(k.validTo, before.validTo) };
    if (before.state !== 'withdrawn') return merged;
    const from = k.state === 'withdrawn' ? earlierWithdrawal(before, k) : before.withdrawnFrom;
    const { withdrawnFrom: _, ...rest } = merged;
    return from === undefined ? { ...rest, state: 'withdrawn' } : { ...rest, state: 'withdrawn', withdrawnFrom: from };
  });
  const seen = new Set(keys.map(keyId));
  for (const [id, k] of heldKeys) if (!seen.has(id) && k.state === 'withdrawn') keys.push(k);
  return { ...incoming, keys };
}

/** A trust list with its keys imported, ready for verifyCode. */
export interface TrustStore {
  iss: string;
  version: number;
  issuedAt: number;
  keys: { kid: Uint8Array; key: CryptoKey; validFrom: number; validTo: number; state: KeyState; withdrawnFrom?: number }[];
}

export async function loadTrustStore(list: TrustList): Promise<TrustStore> {
  const keys = await Promise.all(
    list.keys.map(async (k) => ({
      kid: fromBase64Url(k.kid),
      key: await importPublicJwk(k.jwk),
      validFrom: k.validFrom,
      validTo: k.validTo,
      state: k.state,
      ...(k.withdrawnFrom === undefined ? {} : { withdrawnFrom: k.withdrawnFrom }),
    })),
  );
  return { iss: list.iss, version: list.version, issuedAt: list.issuedAt, keys };
}
