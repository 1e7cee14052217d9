// The CWT claims (RFC 8392) a health code carries, and their compact CBOR form. Every field is
// checked on the way in: a verified signature proves who wrote the bytes, not that they make sense.

import type { CborMap, CborValue } from './cbor.js';
import { COMPRESSED_POINT_LENGTH, COORDINATE_LENGTH } from './p256.js';

export const CODE_STATUSES = ['green', 'red'] as const;
export type CodeStatus = (typeof CODE_STATUSES)[number];

/** Why a code is red. The number is what the code carries; the name is what people read. */
export const RED_REASONS = [
  'none',
  'positive-test',
  'close-contact',
  'high-risk-area',
  'quarantine',
  'fever-reported',
  'missing-declaration',
  // Appended for the authority's key-population feeds; codes carry the index, so only ever append.
  'confirmed-case',
  'suspected-case',
  'other-province-red',
  'other-province-yellow',
  'centralised-quarantine',
  'home-quarantine',
] as const;
export type RedReason = (typeof RED_REASONS)[number];

export const CODE_KINDS = ['resident', 'traveller', 'dependent', 'printed'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

export interface HealthClaims {
  iss: string;
  /** Seconds since the epoch (CWT NumericDate). */
  iat: number;
  exp: number;
  /** Code id. */
  cti: Uint8Array;
  /** Opaque subject reference: random bytes, no personal data. */
  sub: Uint8Array;
  status: CodeStatus;
  reason: RedReason;
  maskedName: string;
  kind: CodeKind;
  /**
   * The holder's device key (RFC 8747 `cnf`), a compressed P-256 point (33 bytes): only a
   * presentation signed by that key is live. Phone codes carry it; printed codes never do.
   */
  cnf?: Uint8Array;
}

const CWT_ISS = 1;
const CWT_EXP = 4;
const CWT_IAT = 6;
const CWT_CTI = 7;
const CWT_CNF = 8;
/** Private-use claim key for our own claims. */
export const HG_CLAIM = -301;

/**
 * Version 1 names our fields with short strings; version 2 (bound codes) uses small integers,
 * 11 bytes less, so a presentation of the longest red traveller code still fits QR v15-Q.
 * Unbound codes stay version 1, so gates that have not updated yet still read printed codes.
 */
const FIELDS = {
  1: { v: 'v', sub: 'sub', st: 'st', rs: 'rs', nm: 'nm', k: 'k' },
  2: { v: 0, sub: 1, st: 2, rs: 3, nm: 4, k: 5 },
} as const;

// cnf → {1: COSE_Key}; the COSE_Key is EC2 / P-256 with y as its sign bit (RFC 9053 §7.1.1),
// 45 bytes in all. Measured alternatives: the full y 78 bytes; a bare SEC 1 point under a
// private-use method 42 (its key alone costs 5 bytes), or under method 1 38 (not a COSE_Key).
const CNF_COSE_KEY = 1;
const KEY_KTY = 1;
const KTY_EC2 = 2;
const KEY_CRV = -1;
const CRV_P256 = 1;
const KEY_X = -2;
const KEY_Y = -3;

function cnfToCbor(point: Uint8Array): CborMap {
  if (point.length !== COMPRESSED_POINT_LENGTH || (point[0] !== 0x02 && point[0] !== 0x03)) throw new ClaimsError('cnf must be a compressed P-256 point');
  const coseKey = new Map<number, CborValue>([
    [KEY_KTY, KTY_EC2],
    [KEY_CRV, CRV_P256],
    [KEY_X, point.slice(1)],
    [KEY_Y, point[0] === 0x03],
  ]);
  return new Map([[CNF_COSE_KEY, coseKey]]);
}

function cnfFromCbor(value: CborValue): Uint8Array {
  const coseKey = value instanceof Map ? value.get(CNF_COSE_KEY) : undefined;
  if (!(coseKey instanceof Map)) throw new ClaimsError('cnf must hold a COSE_Key');
  const x = coseKey.get(KEY_X);
  const y = coseKey.get(KEY_Y);
  if (coseKey.get(KEY_KTY) !== KTY_EC2 || coseKey.get(KEY_CRV) !== CRV_P256) throw new ClaimsError('cnf key must be EC2 P-256');
  if (!(x instanceof Uint8Array) || x.length !== COORDINATE_LENGTH || typeof y !== 'boolean') throw new ClaimsError('bad cnf key');
  const point = new Uint8Array(COMPRESSED_POINT_LENGTH);
  point[0] = y ? 0x03 : 0x02;
  point.set(x, 1);
  return point;
}

export function claimsToCbor(c: HealthClaims): CborMap {
  if (c.cnf && c.kind === 'printed') throw new ClaimsError('a printed code carries no device key');
  const version = c.cnf ? 2 : 1;
  const f = FIELDS[version];
  const hg = new Map<number | string, CborValue>([
    [f.v, version],
    [f.sub, c.sub],
    [f.st, CODE_STATUSES.indexOf(c.status)],
  ]);
  if (c.status === 'red') hg.set(f.rs, RED_REASONS.indexOf(c.reason));
  hg.set(f.nm, c.maskedName);
  hg.set(f.k, CODE_KINDS.indexOf(c.kind));
  const claims = new Map<number, CborValue>([
    [CWT_ISS, c.iss],
    [CWT_IAT, c.iat],
    [CWT_EXP, c.exp],
    [CWT_CTI, c.cti],
  ]);
  if (c.cnf) claims.set(CWT_CNF, cnfToCbor(c.cnf));
  claims.set(HG_CLAIM, hg);
  return claims;
}

export class ClaimsError extends Error {
  override name = 'ClaimsError';
}

function pick<T>(list: readonly T[], i: CborValue | undefined, what: string): T {
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= list.length) throw new ClaimsError(`bad ${what}`);
  return list[i]!;
}

export function claimsFromCbor(value: CborValue): HealthClaims {
  if (!(value instanceof Map)) throw new ClaimsError('claims must be a map');
  const iss = value.get(CWT_ISS);
  const iat = value.get(CWT_IAT);
  const exp = value.get(CWT_EXP);
  const cti = value.get(CWT_CTI);
  const hg = value.get(HG_CLAIM);
  if (typeof iss !== 'string' || iss.length === 0 || iss.length > 16) throw new ClaimsError('bad iss');
  if (typeof iat !== 'number' || iat < 0) throw new ClaimsError('bad iat');
  if (typeof exp !== 'number' || exp <= iat) throw new ClaimsError('bad exp');
  if (!(cti instanceof Uint8Array) || cti.length < 4 || cti.length > 32) throw new ClaimsError('bad cti');
  if (!(hg instanceof Map)) throw new ClaimsError('missing health claim');
  const version = hg.get(FIELDS[2].v) ?? hg.get(FIELDS[1].v);
  if (version !== 1 && version !== 2) throw new ClaimsError('unsupported claim version');
  const f = FIELDS[version];
  const sub = hg.get(f.sub);
  if (!(sub instanceof Uint8Array) || sub.length < 4 || sub.length > 32) throw new ClaimsError('bad sub');
  const status = pick(CODE_STATUSES, hg.get(f.st), 'status');
  const reason = status === 'red' ? pick(RED_REASONS, hg.get(f.rs), 'reason') : 'none';
  const maskedName = hg.get(f.nm);
  if (typeof maskedName !== 'string' || maskedName.length > 40) throw new ClaimsError('bad name');
  const kind = pick(CODE_KINDS, hg.get(f.k), 'kind');
  const claims: HealthClaims = { iss, iat, exp, cti, sub, status, reason, maskedName, kind };
  const cnf = value.get(CWT_CNF);
  if (cnf !== undefined) {
    if (kind === 'printed') throw new ClaimsError('a printed code carries no device key');
    claims.cnf = cnfFromCbor(cnf);
  }
  return claims;
}
