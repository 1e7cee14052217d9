// The CWT claims (RFC 8392) a health code carries, and their compact CBOR form. Every field is
// checked on the way in: a verified signature proves who wrote the bytes, not that they make sense.

import type { CborMap, CborValue } from './cbor.js';

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
}

const CWT_ISS = 1;
const CWT_EXP = 4;
const CWT_IAT = 6;
const CWT_CTI = 7;
/** Private-use claim key for our own claims. */
export const HG_CLAIM = -301;
const VERSION = 1;

export function claimsToCbor(c: HealthClaims): CborMap {
  const hg = new Map<string, CborValue>([
    ['v', VERSION],
    ['sub', c.sub],
    ['st', CODE_STATUSES.indexOf(c.status)],
  ]);
  if (c.status === 'red') hg.set('rs', RED_REASONS.indexOf(c.reason));
  hg.set('nm', c.maskedName);
  hg.set('k', CODE_KINDS.indexOf(c.kind));
  return new Map<number, CborValue>([
    [CWT_ISS, c.iss],
    [CWT_IAT, c.iat],
    [CWT_EXP, c.exp],
    [CWT_CTI, c.cti],
    [HG_CLAIM, hg],
  ]);
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
  if (hg.get('v') !== VERSION) throw new ClaimsError('unsupported claim version');
  const sub = hg.get('sub');
  if (!(sub instanceof Uint8Array) || sub.length < 4 || sub.length > 32) throw new ClaimsError('bad sub');
  const status = pick(CODE_STATUSES, hg.get('st'), 'status');
  const reason = status === 'red' ? pick(RED_REASONS, hg.get('rs'), 'reason') : 'none';
  const maskedName = hg.get('nm');
  if (typeof maskedName !== 'string' || maskedName.length > 40) throw new ClaimsError('bad name');
  const kind = pick(CODE_KINDS, hg.get('k'), 'kind');
  return { iss, iat, exp, cti, sub, status, reason, maskedName, kind };
}
