// The live code a holder's phone shows: its signed code plus the phone's proof that it holds the
// code's device key (cnf) now — an ES256 signature over the code id and the time. The phone makes
// a new one every few seconds with no network; the gate checks it with verifyCode.
//
// Text: "HGP1:" + Base45 of a CBOR sequence (RFC 8742) of three items:
//   1. the COSE_Sign1 code exactly as the server issued it (so any COSE library can verify it),
//   2. the proof time, whole seconds since the epoch (uint; milliseconds would cost 4 bytes more),
//   3. the device's signature (bstr, 64 bytes r‖s) over CBOR [PROOF_CONTEXT, cti, time].
// The context string keeps this signature from ever passing as one over anything else.

import { encodeBase45 } from './base45.js';
import { CborError, decodeCbor, encodeCbor, splitCborSequence } from './cbor.js';
import { claimsFromCbor } from './claims.js';
import { base45Payload, CODE_PREFIX, parseCodeText } from './code-text.js';
import { CoseError, parseSign1, type Sign1 } from './cose.js';
import { signEs256, verifyEs256 } from './keys.js';
import { importCompressedKey } from './p256.js';

export const PRESENTATION_PREFIX = 'HGP1:';
export const PROOF_CONTEXT = 'healthgate presentation 1';
/** What a presentation may take in a QR code: version 15 at level Q holds 426 alphanumeric characters. */
export const MAX_PRESENTATION_TEXT = 426;

export interface Presentation {
  /** The code inside, taken apart but not yet verified. */
  sign1: Sign1;
  /** When the phone made the proof (its clock), epoch ms, whole seconds. */
  provedAt: number;
  signature: Uint8Array;
}

export class PresentationError extends Error {
  override name = 'PresentationError';
}

/** The bytes the device signs. */
export function proofInput(cti: Uint8Array, provedAtSeconds: number): Uint8Array {
  return encodeCbor([PROOF_CONTEXT, cti, provedAtSeconds]);
}

/**
 * The holder's side: wraps `codeText` (an "HG1:" code bound to this device) with a proof made by
 * `deviceKey` (the private half of the key in the code's cnf) at `now` (epoch ms).
 * Throws PresentationError for a code with no device key in it (printed or unbound codes).
 */
export async function presentCode(codeText: string, deviceKey: CryptoKey, now: number): Promise<string> {
  const sign1 = parseCodeText(codeText);
  // The holder's own code, straight from the server: read, not verified (the gate verifies).
  const claims = claimsFromCbor(decodeCbor(sign1.payload));
  if (!claims.cnf) throw new PresentationError('this code is not bound to a device key: show it as it is');
  const seconds = Math.floor(now / 1000);
  const signature = await signEs256(deviceKey, proofInput(claims.cti, seconds));
  const cose = base45Payload(codeText, CODE_PREFIX);
  const tail = encodeCbor(seconds);
  const sig = encodeCbor(signature);
  const bytes = new Uint8Array(cose.length + tail.length + sig.length);
  bytes.set(cose);
  bytes.set(tail, cose.length);
  bytes.set(sig, cose.length + tail.length);
  return PRESENTATION_PREFIX + encodeBase45(bytes);
}

export function isPresentationText(text: string): boolean {
  return text.trim().startsWith(PRESENTATION_PREFIX);
}

/** Takes a presentation apart; nothing in it is trusted yet. Throws CoseError (shown as malformed). */
export function parsePresentationText(text: string): Presentation {
  const bytes = base45Payload(text, PRESENTATION_PREFIX);
  let parts: Uint8Array[];
  try {
    parts = splitCborSequence(bytes, 3);
  } catch (e) {
    throw new CoseError(e instanceof CborError ? `presentation: ${e.message}` : 'presentation is not CBOR');
  }
  if (parts.length !== 3) throw new CoseError('a presentation holds a code, a time and a signature');
  const sign1 = parseSign1(parts[0]!);
  const seconds = decodeCbor(parts[1]!);
  const signature = decodeCbor(parts[2]!);
  if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds < 0) throw new CoseError('bad proof time');
  if (!(signature instanceof Uint8Array) || signature.length !== 64) throw new CoseError('bad proof signature');
  return { sign1, provedAt: seconds * 1000, signature };
}

/**
 * Checks the device's signature only: that the holder of `cnf` (from the verified code) signed
 * this code id at `provedAt`. Whether that time is live is the verdict's business.
 * Throws PointError if `cnf` is not a P-256 point.
 */
export async function verifyPresentation(p: Presentation, cti: Uint8Array, cnf: Uint8Array): Promise<boolean> {
  const key = await importCompressedKey(cnf);
  return verifyEs256(key, p.signature, proofInput(cti, p.provedAt / 1000));
}
