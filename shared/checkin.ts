// The sunflower check-in code (葵花码): signed by the server for one venue, one inspector (by their
// pseudonymous tag at that venue) and one local day. The gate shows it as a QR of a link into the
// PWA; a visitor's phone checks it before recording a check-in, and the server checks it again.
// Format: "HGK1:" + base64url of a COSE_Sign1 (ES256, the code-signing keys) over a CBOR map.

import { fromBase64Url, toBase64Url } from './bytes.js';
import { decodeCbor, encodeCbor, type CborValue } from './code/cbor.js';
import { parseSign1, signSign1, verifySign1 } from './code/cose.js';
import type { CodeSigner } from './code/issue.js';
import { localDay } from './time.js';
import type { TrustStore } from './trust.js';
import { bytesEqual } from './bytes.js';

export const CHECKIN_PREFIX = 'HGK1:';
/** The path a check-in link opens; the code rides in the fragment, which no server log sees. */
export const CHECKIN_PATH = '/checkin';
export const MAX_CHECKIN_TEXT = 800;

export interface CheckinClaims {
  venueId: string;
  venueName: string;
  /** The inspector's tag at the venue (server/registration/codes.ts): names them without naming a person. */
  inspectorTag: string;
  /** The local day (YYYY-MM-DD) the code is good for, in the venue's zone. */
  day: string;
  timeZone: string;
}

const KEYS = { venueId: 1, venueName: 2, inspectorTag: 3, day: 4, timeZone: 5 } as const;

export async function signCheckinCode(claims: CheckinClaims, signer: CodeSigner): Promise<string> {
  const map = new Map<number, CborValue>(Object.entries(KEYS).map(([name, key]) => [key, claims[name as keyof CheckinClaims]]));
  return CHECKIN_PREFIX + toBase64Url(await signSign1(encodeCbor(map), signer.privateKey, signer.kid));
}

/** The link a visitor's camera opens. */
export const checkinLink = (origin: string, code: string): string => `${origin}${CHECKIN_PATH}#${code}`;

/** The code inside a scanned link (or the code itself); undefined when it holds none. */
export function codeFromLink(text: string): string | undefined {
  const at = text.indexOf(CHECKIN_PREFIX);
  return at < 0 ? undefined : text.slice(at).trim();
}

export type CheckinRefusal = 'malformed' | 'unknown-key' | 'bad-signature' | 'wrong-day';
export type CheckinVerdict = { ok: true; claims: CheckinClaims; kid: string } | { ok: false; reason: CheckinRefusal; claims?: CheckinClaims };

/**
 * Checks a check-in code at `now`: readable, signed by a key of the trust store that is not
 * withdrawn and was valid when the code's day began, and for the day it is now at the venue.
 * Forged → bad-signature; another deployment's (foreign) → unknown-key; yesterday's → wrong-day.
 */
export async function verifyCheckinCode(text: string, trust: TrustStore | undefined, now: number): Promise<CheckinVerdict> {
  if (text.length > MAX_CHECKIN_TEXT || !text.startsWith(CHECKIN_PREFIX)) return { ok: false, reason: 'malformed' };
  let claims: CheckinClaims;
  let sign1;
  try {
    sign1 = parseSign1(fromBase64Url(text.slice(CHECKIN_PREFIX.length)));
    claims = claimsOf(decodeCbor(sign1.payload));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const candidates = (trust?.keys ?? []).filter((k) => bytesEqual(k.kid, sign1.kid) && k.state !== 'withdrawn');
  if (candidates.length === 0) return { ok: false, reason: 'unknown-key', claims };
  let verified = false;
  for (const k of candidates) if (await verifySign1(sign1, k.key)) verified = true;
  if (!verified) return { ok: false, reason: 'bad-signature', claims };
  let today: string;
  try {
    today = localDay(now, claims.timeZone);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (today !== claims.day) return { ok: false, reason: 'wrong-day', claims };
  return { ok: true, claims, kid: toBase64Url(sign1.kid) };
}

function claimsOf(value: CborValue): CheckinClaims {
  if (!(value instanceof Map)) throw new Error('claims must be a map');
  const read = (key: number, max: number): string => {
    const v = value.get(key);
    if (typeof v !== 'string' || v.length === 0 || v.length > max) throw new Error(`claim ${key}`);
    return v;
  };
  const claims = { venueId: read(KEYS.venueId, 64), venueName: read(KEYS.venueName, 100), inspectorTag: read(KEYS.inspectorTag, 16), day: read(KEYS.day, 10), timeZone: read(KEYS.timeZone, 64) };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(claims.day)) throw new Error('day');
  return claims;
}
