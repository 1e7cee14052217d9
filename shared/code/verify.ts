// verifyCode: QR text → one typed verdict, offline, the same in the PWA and on the server.
// Order matters: structure, algorithm, key, signature, the device's proof; only then are the
// claims judged. A code shown live (a presentation, see presentation.ts) is judged on its time too.

import { bytesEqual, toBase64Url, toHex } from '../bytes.js';
import { DEFAULT_LIVE_TOLERANCE_MS } from '../clock.js';
import { redListEntry, type RedList } from '../redlist.js';
import type { TrustStore } from '../trust.js';
import { decodeCbor } from './cbor.js';
import { claimsFromCbor, type CodeKind, type CodeStatus, type HealthClaims, type RedReason } from './claims.js';
import { parseCodeText } from './code-text.js';
import { verifySign1, type Sign1 } from './cose.js';
import { PointError } from './p256.js';
import { isPresentationText, parsePresentationText, verifyPresentation, type Presentation } from './presentation.js';

export { CODE_PREFIX, MAX_CODE_TEXT, parseCodeText } from './code-text.js';

export const DEFAULT_MAX_LIST_AGE_MS = 72 * 3600_000;
/** A code issued up to this far in the future (clock skew between server and device) still counts. */
export const IAT_LEEWAY_MS = 5 * 60_000;
export { DEFAULT_LIVE_TOLERANCE_MS };

/** Checkpoint records store the kind: new kinds go at the end. */
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
  'replay',
] as const;
export type VerdictKind = (typeof VERDICT_KINDS)[number];

/**
 * How the code reached the gate, so the screen can say how sure it is that the holder is here:
 * live (a fresh proof by the phone the code is bound to), replayed (a proof outside the
 * tolerance: a screenshot, a recording, or a phone clock far off), printed (no phone by design:
 * check it against an ID document), not-live-checked (a phone code shown without a proof).
 */
export const PRESENCES = ['live', 'replayed', 'printed', 'not-live-checked'] as const;
export type Presence = (typeof PRESENCES)[number];
export type ReplayReason = 'proof-too-old' | 'proof-in-future' | 'no-proof';

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
  /** Carries a device key (cnf): it should be shown as a live presentation. */
  deviceBound: boolean;
}

/** What a verdict rested on, so the screen can say so. Ages in ms; null when not known. */
export interface VerdictBasis {
  trustVersion: number | null;
  trustAgeMs: number | null;
  redListVersion: number | null;
  redListAgeMs: number | null;
  codeAgeMs: number | null;
  /** Gate clock minus proof time: negative when the proof claims to come from the future. */
  proofAgeMs: number | null;
}

type Shown = { code: CodeInfo; presence: Presence };
export type Verdict = { basis: VerdictBasis } & (
  | ({ kind: 'green' } & Shown)
  | ({ kind: 'red'; reason: RedReason } & Shown)
  | ({ kind: 'red-listed' } & Shown)
  | ({ kind: 'cannot-confirm'; because: 'no-trust-list' | 'trust-list-stale' | 'no-red-list' | 'red-list-stale' } & Shown)
  | ({ kind: 'expired' } & Shown)
  | ({ kind: 'not-yet-valid' } & Shown)
  /** "Screenshot or replay — ask for the live code": a code that would pass, shown without a live proof. */
  | { kind: 'replay'; code: CodeInfo; presence: 'replayed' | 'not-live-checked'; because: ReplayReason; provedAt: number | null }
  | { kind: 'unknown-key'; kid: string; withdrawn: boolean }
  /** `part`: the server's signature on the code, or the device's on the proof. */
  | { kind: 'bad-signature'; part: 'code' | 'proof' }
  | { kind: 'malformed'; detail: string }
);

/** The longest a code may be valid (exp − iat), per kind of code; longer is refused, however well signed. */
export interface MaxValidityHours {
  /** Codes shown on a phone (resident, traveller, dependent). */
  phone: number;
  /** Printed codes (no phone to refresh them): may live longer. */
  printed: number;
}

export const DEFAULT_MAX_VALIDITY_HOURS: MaxValidityHours = { phone: 30 * 24, printed: 366 * 24 };

export function maxValidityMs(kind: CodeKind, max: MaxValidityHours = DEFAULT_MAX_VALIDITY_HOURS): number {
  return (kind === 'printed' ? max.printed : max.phone) * 3600_000;
}

export interface VerifyOptions {
  /** The longest validity a code of each kind may carry. Default DEFAULT_MAX_VALIDITY_HOURS. */
  maxValidityHours?: MaxValidityHours;
  maxListAgeMs?: number;
  /** How far a proof's time may be from `now`, either way, and still be live. Default ±2 min. */
  liveToleranceMs?: number;
  /**
   * The transition switch: a phone code shown without a live proof (an unbound code, or a bound
   * code's plain text) is judged on its own, marked not-live-checked. Off, it is a replay.
   * Default on, while phones still hold codes issued before device keys.
   */
  acceptWithoutProof?: boolean;
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
    deviceBound: c.cnf !== undefined,
  };
}

const message = (e: unknown, fallback: string) => (e instanceof Error ? e.message : fallback);

/**
 * Judges `text` ("HG1:" code or "HGP1:" presentation) at `now`, the gate's clock — anchored with
 * shared/clock.ts gateNow, so a phone set back in time cannot make an expired code valid again.
 */
export async function verifyCode(
  text: string,
  trust: TrustStore | undefined,
  redList: RedList | undefined,
  now: number,
  options: VerifyOptions = {},
): Promise<Verdict> {
  const basis: VerdictBasis = {
    trustVersion: trust?.version ?? null,
    trustAgeMs: trust ? now - trust.issuedAt : null,
    redListVersion: redList?.version ?? null,
    redListAgeMs: redList ? now - redList.issuedAt : null,
    codeAgeMs: null,
    proofAgeMs: null,
  };
  let sign1: Sign1;
  let proof: Presentation | undefined;
  try {
    if (isPresentationText(text)) {
      proof = parsePresentationText(text);
      sign1 = proof.sign1;
    } else sign1 = parseCodeText(text);
  } catch (e) {
    return { kind: 'malformed', detail: message(e, 'unreadable'), basis };
  }

  const candidates = (trust?.keys ?? []).filter((k) => bytesEqual(k.kid, sign1.kid));
  // A key withdrawn from a point in time still verifies what it signed before that point.
  const usable = candidates.filter((k) => k.state !== 'withdrawn' || k.withdrawnFrom !== undefined);
  if (usable.length === 0) {
    return { kind: 'unknown-key', kid: toHex(sign1.kid), withdrawn: candidates.length > 0, basis };
  }
  // kids are 8 bytes of a hash: collisions are possible, so every key sharing the kid is tried.
  const signer = await firstVerifying(sign1, usable);
  if (!signer) return { kind: 'bad-signature', part: 'code', basis };

  let claims: HealthClaims;
  try {
    claims = claimsFromCbor(decodeCbor(sign1.payload));
  } catch (e) {
    return { kind: 'malformed', detail: `signed but unreadable claims: ${message(e, '')}`, basis };
  }
  const code = codeInfo(claims, sign1.kid);
  basis.codeAgeMs = now - code.issuedAt;
  // A trusted key signed it, but only codes of the trust list's own issuer count here.
  if (trust && code.iss !== trust.iss) return { kind: 'malformed', detail: `issued by ${code.iss}, not by ${trust.iss}`, basis };
  if (code.expiresAt - code.issuedAt > maxValidityMs(code.kind, options.maxValidityHours)) {
    return { kind: 'malformed', detail: `valid for longer than a ${code.kind} code may be`, basis };
  }
  if (code.issuedAt < signer.validFrom || code.issuedAt > signer.validTo) {
    return { kind: 'unknown-key', kid: code.kid, withdrawn: false, basis };
  }
  if (signer.state === 'withdrawn' && (signer.withdrawnFrom === undefined || code.issuedAt >= signer.withdrawnFrom)) {
    return { kind: 'unknown-key', kid: code.kid, withdrawn: true, basis };
  }

  let presence: Presence;
  let replay: ReplayReason | undefined;
  if (proof) {
    if (!claims.cnf) return { kind: 'malformed', detail: 'a presentation of a code with no device key', basis };
    try {
      if (!(await verifyPresentation(proof, claims.cti, claims.cnf))) return { kind: 'bad-signature', part: 'proof', basis };
    } catch (e) {
      if (e instanceof PointError) return { kind: 'malformed', detail: `signed but unusable device key: ${e.message}`, basis };
      throw e;
    }
    basis.proofAgeMs = now - proof.provedAt;
    const tolerance = options.liveToleranceMs ?? DEFAULT_LIVE_TOLERANCE_MS;
    presence = Math.abs(basis.proofAgeMs) <= tolerance ? 'live' : 'replayed';
    if (presence === 'replayed') replay = basis.proofAgeMs > 0 ? 'proof-too-old' : 'proof-in-future';
  } else if (code.kind === 'printed') {
    presence = 'printed';
  } else {
    presence = 'not-live-checked';
    if (options.acceptWithoutProof === false) replay = 'no-proof';
  }

  const verdict = judge(code, claims, presence, trust, redList, now, options.maxListAgeMs ?? DEFAULT_MAX_LIST_AGE_MS, basis);
  // Only a code that would pass (or be waved through by hand) turns into "replay": a red,
  // turned-red or expired code must keep saying so, however it was shown.
  if (replay && (verdict.kind === 'green' || verdict.kind === 'cannot-confirm')) {
    return { kind: 'replay', code, presence: replay === 'no-proof' ? 'not-live-checked' : 'replayed', because: replay, provedAt: proof?.provedAt ?? null, basis };
  }
  return verdict;
}

/** The code's own verdict, once both signatures are known to be good. */
function judge(
  code: CodeInfo,
  claims: HealthClaims,
  presence: Presence,
  trust: TrustStore | undefined,
  redList: RedList | undefined,
  now: number,
  maxAge: number,
  basis: VerdictBasis,
): Verdict {
  const shown = { code, presence, basis };
  if (code.issuedAt > now + IAT_LEEWAY_MS) return { kind: 'not-yet-valid', ...shown };
  if (now >= code.expiresAt) return { kind: 'expired', ...shown };
  if (code.status === 'red') return { kind: 'red', reason: code.reason, ...shown };
  if (redList && redList.entries.has(redListEntry(redList.salt, claims.sub))) return { kind: 'red-listed', ...shown };
  // A printout replaced by a reprint, or made before a status change, is listed by its code id.
  if (redList && claims.kind === 'printed' && redList.entries.has(redListEntry(redList.salt, claims.cti))) return { kind: 'red-listed', ...shown };
  if (!trust) return { kind: 'cannot-confirm', because: 'no-trust-list', ...shown };
  if (basis.trustAgeMs! > maxAge) return { kind: 'cannot-confirm', because: 'trust-list-stale', ...shown };
  if (!redList) return { kind: 'cannot-confirm', because: 'no-red-list', ...shown };
  if (basis.redListAgeMs! > maxAge) return { kind: 'cannot-confirm', because: 'red-list-stale', ...shown };
  return { kind: 'green', ...shown };
}

type TrustKeyEntry = TrustStore['keys'][number];

async function firstVerifying(sign1: Sign1, keys: TrustKeyEntry[]): Promise<TrustKeyEntry | undefined> {
  for (const k of keys) if (await verifySign1(sign1, k.key)) return k;
  return undefined;
}
