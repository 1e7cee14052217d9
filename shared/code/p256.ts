// P-256 public keys in their compressed form (SEC 1 §2.3.3: x and the parity of y), which is how a
// code carries the holder's device key; WebCrypto only imports the uncompressed point, so we
// decompress with BigInt arithmetic (p ≡ 3 mod 4, so √a = a^((p+1)/4) mod p).

import { bufferSource, fromBase64Url, toBase64Url } from '../bytes.js';
import { ES256 } from './keys.js';

export const COORDINATE_LENGTH = 32;
export const COMPRESSED_POINT_LENGTH = 1 + COORDINATE_LENGTH;

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

export class PointError extends Error {
  override name = 'PointError';
}

function toBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function toBytes(n: bigint): Uint8Array {
  const out = new Uint8Array(COORDINATE_LENGTH);
  for (let i = COORDINATE_LENGTH - 1; i >= 0; i--, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

function modPow(base: bigint, exp: bigint): bigint {
  let result = 1n;
  base %= P;
  for (; exp > 0n; exp >>= 1n, base = (base * base) % P) if (exp & 1n) result = (result * base) % P;
  return result;
}

/** y² for a given x on P-256: x³ − 3x + b (mod p). */
const curveRhs = (x: bigint): bigint => (((x * x * x - 3n * x + B) % P) + P) % P;

/** 0x04 ‖ x ‖ y (65 bytes) → 0x02|0x03 ‖ x (33 bytes). Checks the point is on the curve. */
export function compressPoint(uncompressed: Uint8Array): Uint8Array {
  if (uncompressed.length !== 1 + 2 * COORDINATE_LENGTH || uncompressed[0] !== 0x04) throw new PointError('not an uncompressed P-256 point');
  const x = uncompressed.subarray(1, 1 + COORDINATE_LENGTH);
  const y = toBigInt(uncompressed.subarray(1 + COORDINATE_LENGTH));
  const xn = toBigInt(x);
  if (xn >= P || y >= P || (y * y) % P !== curveRhs(xn)) throw new PointError('point is not on P-256');
  const out = new Uint8Array(COMPRESSED_POINT_LENGTH);
  out[0] = 0x02 | Number(y & 1n);
  out.set(x, 1);
  return out;
}

/** 0x02|0x03 ‖ x → 0x04 ‖ x ‖ y, the form `importKey('raw')` takes. Throws when x is not on the curve. */
export function decompressPoint(compressed: Uint8Array): Uint8Array {
  const prefix = compressed[0];
  if (compressed.length !== COMPRESSED_POINT_LENGTH || (prefix !== 0x02 && prefix !== 0x03)) throw new PointError('not a compressed P-256 point');
  const x = toBigInt(compressed.subarray(1));
  if (x >= P) throw new PointError('x is out of range');
  const rhs = curveRhs(x);
  let y = modPow(rhs, (P + 1n) / 4n);
  // Half of all x have no point: the "root" then squares to −rhs, not rhs.
  if ((y * y) % P !== rhs) throw new PointError('point is not on P-256');
  if ((y & 1n) !== BigInt(prefix & 1)) y = P - y;
  const out = new Uint8Array(1 + 2 * COORDINATE_LENGTH);
  out[0] = 0x04;
  out.set(compressed.subarray(1), 1);
  out.set(toBytes(y), 1 + COORDINATE_LENGTH);
  return out;
}

/** A verify-only ES256 key from a compressed point. */
export function importCompressedKey(compressed: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bufferSource(decompressPoint(compressed)), ES256, true, ['verify']);
}

/** The compressed point of a P-256 public key (public keys are always exportable, even when the private half is not). */
export async function compressedKeyOf(publicKey: CryptoKey): Promise<Uint8Array> {
  return compressPoint(new Uint8Array(await crypto.subtle.exportKey('raw', publicKey)));
}

/** A public P-256 JWK (as a phone sends its device key) → compressed point; throws on anything else. */
export function compressedKeyFromJwk(jwk: JsonWebKey): Uint8Array {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y || jwk.d !== undefined) throw new PointError('not a public P-256 JWK');
  const x = fromBase64Url(jwk.x);
  const y = fromBase64Url(jwk.y);
  if (x.length !== COORDINATE_LENGTH || y.length !== COORDINATE_LENGTH) throw new PointError('JWK coordinates must be 32 bytes');
  const raw = new Uint8Array(1 + 2 * COORDINATE_LENGTH);
  raw[0] = 0x04;
  raw.set(x, 1);
  raw.set(y, 1 + COORDINATE_LENGTH);
  return compressPoint(raw);
}

/** Compressed point → public JWK. */
export function jwkFromCompressedKey(compressed: Uint8Array): JsonWebKey {
  const raw = decompressPoint(compressed);
  return { kty: 'EC', crv: 'P-256', x: toBase64Url(raw.subarray(1, 33)), y: toBase64Url(raw.subarray(33)) };
}
