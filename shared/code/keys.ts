// ES256 (ECDSA P-256 with SHA-256) keys through crypto.subtle, identical in the PWA and in Node.
// A key's kid is the first 8 bytes of SHA-256 over its SPKI encoding.

import { bufferSource, sha256 } from '../bytes.js';

export const ES256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ES256_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
export const KID_LENGTH = 8;

export async function generateSigningKey(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(ES256, true, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function kidOf(publicKey: CryptoKey): Promise<Uint8Array> {
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
  return (await sha256(spki)).slice(0, KID_LENGTH);
}

/** Imports a public P-256 JWK for verification; rejects anything that is not one. */
export async function importPublicJwk(jwk: JsonWebKey): Promise<CryptoKey> {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y || jwk.d) {
    throw new Error('not a public P-256 key');
  }
  return crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, ES256, true, ['verify']);
}

export async function importPrivateJwk(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, ES256, false, ['sign']);
}

export async function publicJwkOf(publicKey: CryptoKey): Promise<JsonWebKey> {
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  return { kty, crv, x, y };
}

/** Raw r‖s signature (IEEE P1363), the form COSE and JWS both use. */
export async function signEs256(privateKey: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(ES256_SIGN, privateKey, bufferSource(data)));
}

export async function verifyEs256(publicKey: CryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  if (signature.length !== 64) return false;
  return crypto.subtle.verify(ES256_SIGN, publicKey, bufferSource(signature), bufferSource(data));
}
