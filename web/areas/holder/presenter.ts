// The live code on the holder's phone: the signed code plus this phone's fresh proof (shared/code/
// presentation.ts), made again every few seconds with no network; and whether this phone's clock is
// off enough for gates to take that proof for a replay. Loaded after the code page's first paint,
// as a chunk of its own (the service worker precaches it), to keep that page small.

import { bytesEqual } from '../../../shared/bytes.js';
import { clockHint, type ClockHint } from '../../../shared/clock.js';
import { decodeCbor } from '../../../shared/code/cbor.js';
import { claimsFromCbor } from '../../../shared/code/claims.js';
import { parseCodeText } from '../../../shared/code/code-text.js';
import { compressedKeyOf } from '../../../shared/code/p256.js';
import { presentCode } from '../../../shared/code/presentation.js';
import { appDb } from '../../db/db.js';
import { deviceKey } from '../../db/device-keys.js';
import { loadServerTimeSeen, serverTimeSeen } from './live-binding.js';

/** How often the QR changes. Well inside the gates' ±2 min: a code shown now is always live. */
export const PRESENT_EVERY_MS = 5_000;

export type Presenter = (now: number) => Promise<string>;

/**
 * A maker of fresh presentations of `codeText`, or null when the code cannot be shown live here:
 * not bound to a device key (an older or printed code), or bound to a key this phone does not hold.
 */
export async function presenterFor(codeText: string): Promise<Presenter | null> {
  let cnf: Uint8Array | undefined;
  try {
    cnf = claimsFromCbor(decodeCbor(parseCodeText(codeText).payload)).cnf;
  } catch {
    return null;
  }
  if (!cnf) return null;
  const key = await deviceKey(appDb());
  if (!bytesEqual(await compressedKeyOf(key.publicKey), cnf)) return null;
  return (now) => presentCode(codeText, key.privateKey, now);
}

/** The clock hint at `now` (reading the last server time seen, reactively, once it is loaded). */
export function holderClockHint(now: number): ClockHint {
  void loadServerTimeSeen();
  return clockHint(now, serverTimeSeen.value);
}
