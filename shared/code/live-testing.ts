// Test fixtures for live codes: a holder's device key (web/db/device-keys.ts makes the real,
// non-extractable one) and its cnf point. Never imported by application code.

import { generateSigningKey } from './keys.js';
import { compressedKeyOf } from './p256.js';

export interface TestDevice {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The compressed point the server puts in the code's cnf claim. */
  cnf: Uint8Array;
}

export async function makeTestDevice(): Promise<TestDevice> {
  const pair = await generateSigningKey();
  return { ...pair, cnf: await compressedKeyOf(pair.publicKey) };
}
