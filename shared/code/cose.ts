// COSE_Sign1 (RFC 9052) with ES256: protected header {1: -7, 4: kid}, empty external AAD,
// tagged 18. parseSign1 only takes the structure apart; nothing in it is trusted until
// verifySign1 has checked the signature.

import { CborError, CborTag, decodeCbor, encodeCbor, type CborMap } from './cbor.js';
import { signEs256, verifyEs256 } from './keys.js';

export const COSE_SIGN1_TAG = 18;
const HEADER_ALG = 1;
const HEADER_KID = 4;
const ALG_ES256 = -7;

export interface Sign1 {
  protectedBytes: Uint8Array;
  alg: number;
  kid: Uint8Array;
  payload: Uint8Array;
  signature: Uint8Array;
}

export class CoseError extends Error {
  override name = 'CoseError';
  constructor(
    message: string,
    /** 'unsupported-alg' is told apart so the verdict can say so. */
    readonly kind: 'malformed' | 'unsupported-alg' = 'malformed',
  ) {
    super(message);
  }
}

function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

export async function signSign1(payload: Uint8Array, privateKey: CryptoKey, kid: Uint8Array): Promise<Uint8Array> {
  const protectedBytes = encodeCbor(
    new Map<number, Uint8Array | number>([
      [HEADER_ALG, ALG_ES256],
      [HEADER_KID, kid],
    ]),
  );
  const signature = await signEs256(privateKey, sigStructure(protectedBytes, payload));
  return encodeCbor(new CborTag(COSE_SIGN1_TAG, [protectedBytes, new Map(), payload, signature]));
}

export function parseSign1(bytes: Uint8Array): Sign1 {
  let value;
  try {
    value = decodeCbor(bytes);
  } catch (e) {
    throw new CoseError(e instanceof CborError ? e.message : 'not CBOR');
  }
  if (value instanceof CborTag) {
    if (value.tag !== COSE_SIGN1_TAG) throw new CoseError('not a COSE_Sign1 tag');
    value = value.value;
  }
  if (!Array.isArray(value) || value.length !== 4) throw new CoseError('COSE_Sign1 must be an array of 4');
  const [protectedBytes, unprotected, payload, signature] = value;
  if (!(protectedBytes instanceof Uint8Array) || !(payload instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
    throw new CoseError('COSE_Sign1 fields have the wrong types');
  }
  if (!(unprotected instanceof Map)) throw new CoseError('unprotected header must be a map');
  let header;
  try {
    header = decodeCbor(protectedBytes);
  } catch {
    throw new CoseError('protected header is not CBOR');
  }
  if (!(header instanceof Map)) throw new CoseError('protected header must be a map');
  const alg = (header as CborMap).get(HEADER_ALG);
  // The kid must be protected: an unprotected kid could be swapped without breaking the signature.
  const kid = (header as CborMap).get(HEADER_KID);
  if (typeof alg !== 'number') throw new CoseError('missing algorithm');
  if (alg !== ALG_ES256) throw new CoseError(`algorithm ${alg} is not ES256`, 'unsupported-alg');
  if (!(kid instanceof Uint8Array) || kid.length === 0) throw new CoseError('missing kid');
  return { protectedBytes, alg, kid, payload, signature };
}

export function verifySign1(sign1: Sign1, publicKey: CryptoKey): Promise<boolean> {
  return verifyEs256(publicKey, sign1.signature, sigStructure(sign1.protectedBytes, sign1.payload));
}
