// A code as text: "HG1:" + Base45 of the COSE_Sign1 bytes, in QR alphanumeric mode. Taking the
// text apart trusts nothing: the signature is checked by verifyCode.

import { decodeBase45 } from './base45.js';
import { CoseError, parseSign1, type Sign1 } from './cose.js';

export const CODE_PREFIX = 'HG1:';
/** Longer texts are refused before any decoding (a presentation is ≤ 426 characters, a code less). */
export const MAX_CODE_TEXT = 1024;

/** Prefix off, Base45 decoded, length checked; throws CoseError. */
export function base45Payload(text: string, prefix: string): Uint8Array {
  const t = text.trim();
  if (t.length > MAX_CODE_TEXT) throw new CoseError('code text too long');
  if (!t.startsWith(prefix)) throw new CoseError(`not a healthgate code (missing ${prefix} prefix)`);
  try {
    return decodeBase45(t.slice(prefix.length));
  } catch {
    throw new CoseError('not valid Base45');
  }
}

/** Strips the prefix and Base45 and takes the COSE structure apart; throws CoseError. */
export function parseCodeText(text: string): Sign1 {
  return parseSign1(base45Payload(text, CODE_PREFIX));
}
