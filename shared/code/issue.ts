// Issuing a code: claims → CWT → COSE_Sign1 → "HG1:" + Base45. Used by the server (and tests).

import { encodeBase45 } from './base45.js';
import { encodeCbor } from './cbor.js';
import { claimsToCbor, type HealthClaims } from './claims.js';
import { signSign1 } from './cose.js';
import { CODE_PREFIX } from './code-text.js';

export interface CodeSigner {
  privateKey: CryptoKey;
  kid: Uint8Array;
}

export async function issueCode(claims: HealthClaims, signer: CodeSigner): Promise<string> {
  const cose = await signSign1(encodeCbor(claimsToCbor(claims)), signer.privateKey, signer.kid);
  return CODE_PREFIX + encodeBase45(cose);
}
