// verifyCode: QR text → one typed verdict, offline, the same in the PWA and on the server.
// Order matters: structure, algorithm, key, signature; only then are the claims read.

import { bytesEqual, toBase64Url, toHex } from '../bytes.js';
import { redListEntry, type RedList } from '../redlist.js';
import type { TrustStore } from '../trust.js';
import { decodeBase45 } from './base45.js';
import { decodeCbor } from './cbor.js';
import { claimsFromCbor, type CodeKind, type CodeStatus, type HealthClaims, type RedReason } from './claims.js';
import { CoseError, parseSign1, verifySign1, type Sign1 } from './cose.js';

export const CODE_PREFIX = 'HG1:';
export const MAX_CODE_TEXT = 1024;
export const DEFAULT_MAX_LIST_AGE_MS = 72 * 3600_000;
/** A code issued up to this far in the future (clock skew between server and device) still counts. */
export const IAT_LEEWAY_MS = 5 * 60_000;

export const VERDICT_KINDS = [
  'green',
  'red',
  'red-listed',
  'cannot-confirm',
  'expired',
  'not-yet-valid',
  'unknown-key',
  'bad-signature',
  'malformed',
] as const;
export type VerdictKind = (typeof VERDICT_KINDS)[number];

export interface CodeInfo {
  iss: string;
  kid: string;
  cti: string;
  sub: string;
  /** Epoch ms. */
  issuedAt: number;
  expiresAt: number;
  status: CodeStatus;
  reason: RedReason;
  maskedName: string;
  kind: CodeKind;
}

/** What a verdict rested on, so the screen can say so. Ages in ms; null when not known. */
export interface VerdictBasis {
  trustVersion: number | null;
  trustAgeMs: number | null;
  redListVersion: number | null;
  redListAgeMs: number | null;
  codeAgeMs: number | null;
}

export type Verdict = { basis: VerdictBasis } & (
  | { kind: 'green'; code: CodeInfo }
  | { kind: 'red'; code: CodeInfo; reason: RedReason }
  | { kind: 'red-listed'; code: CodeInfo }
  | { kind: 'cannot-confirm'; code: CodeInfo; because: 'no-trust-list' | 'trust-list-stale' | 'no-red-list' | 'red-list-stale' }
  | { kind: 'expired'; code: CodeInfo }
  | { kind: 'not-yet-valid'; code: CodeInfo }
  | { kind: 'unknown-key'; kid: string; withdrawn: boolean }
  | { kind: 'bad-signature' }
  | { kind: 'malformed'; detail: string }
);

export interface VerifyOptions {
  maxListAgeMs?: number;
}

function codeInfo(c: HealthClaims, kid: Uint8Array): CodeInfo {
  return {
    iss: c.iss,
    kid: toHex(kid),
    cti: toHex(c.cti),
    sub: toBase64Url(c.sub),
    issuedAt: c.iat * 1000,
    expiresAt: c.exp * 1000,
    status: c.status,
    reason: c.reason,
    maskedName: c.maskedName,
    kind: c.kind,
  };
}

/** Strips the prefix and Base45 and takes the COSE structure apart; throws CoseError. */
export function parseCodeText(text: string): Sign1 {
  const t = text.trim();
  if (t.length > MAX_CODE_TEXT) throw new CoseError('code text too long');
  if (!t.startsWith(CODE_PREFIX)) throw new CoseError('not a healthgate code (missing HG1: prefix)');
  let bytes: Uint8Array;
  try {
    bytes = decodeBase45(t.slice(CODE_PREFIX.length));
  } catch {
    throw new CoseError('not valid Base45');
  }
  return parseSign1(bytes);
}

export async function verifyCode(
  text: string,
  trust: TrustStore | undefined,
  redList: RedList | undefined,
  now: number,
  options: VerifyOptions = {},
): Promise<Verdict> {
  const maxAge = options.maxListAgeMs ?? DEFAULT_MAX_LIST_AGE_MS;
  const basis: VerdictBasis = {
    trustVersion: trust?.version ?? null,
    trustAgeMs: trust ? now - trust.issuedAt : null,
    redListVersion: redList?.version ?? null,
    redListAgeMs: redList ? now - redList.issuedAt : null,
    codeAgeMs: null,
  };
  let sign1: Sign1;
  try {
    sign1 = parseCodeText(text);
  } catch (e) {
    return { kind: 'malformed', detail: e instanceof Error ? e.message : 'unreadable', basis };
  }

  const candidates = (trust?.keys ?? []).filter((k) => bytesEqual(k.kid, sign1.kid));
  const usable = candidates.filter((k) => k.state !== 'withdrawn');
  if (usable.length === 0) {
    return { kind: 'unknown-key', kid: toHex(sign1.kid), withdrawn: candidates.length > 0, basis };
  }
  // kids are 8 bytes of a hash: collisions are possible, so every key sharing the kid is tried.
  const signer = await firstVerifying(sign1, usable);
  if (!signer) return { kind: 'bad-signature', basis };

  let claims: HealthClaims;
  try {
    claims = claimsFromCbor(decodeCbor(sign1.payload));
  } catch (e) {
    return { kind: 'malformed', detail: `signed but unreadable claims: ${e instanceof Error ? e.message : ''}`, basis };
  }
  const code = codeInfo(claims, sign1.kid);
  basis.codeAgeMs = now - code.issuedAt;
  if (code.issuedAt < signer.validFrom || code.issuedAt > signer.validTo) {
    return { kind: 'unknown-key', kid: code.kid, withdrawn: false, basis };
  }
  if (code.issuedAt > now + IAT_LEEWAY_MS) return { kind: 'not-yet-valid', code, basis };
  if (now >= code.expiresAt) return { kind: 'expired', code, basis };
  if (code.status === 'red') return { kind: 'red', code, reason: code.reason, basis };
  if (redList && redList.entries.has(redListEntry(redList.salt, claims.sub))) {
    return { kind: 'red-listed', code, basis };
  }
  if (!trust) return { kind: 'cannot-confirm', code, because: 'no-trust-list', basis };
  if (basis.trustAgeMs! > maxAge) return { kind: 'cannot-confirm', code, because: 'trust-list-stale', basis };
  if (!redList) return { kind: 'cannot-confirm', code, because: 'no-red-list', basis };
  if (basis.redListAgeMs! > maxAge) return { kind: 'cannot-confirm', code, because: 'red-list-stale', basis };
  return { kind: 'green', code, basis };
}

async function firstVerifying<K extends { key: CryptoKey }>(sign1: Sign1, keys: K[]): Promise<K | undefined> {
  for (const k of keys) if (await verifySign1(sign1, k.key)) return k;
  return undefined;
}
