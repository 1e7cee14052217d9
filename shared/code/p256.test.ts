import { describe, expect, it } from 'vitest';
import { bufferSource } from '../bytes.js';
import { ES256, ES256_SIGN, generateSigningKey, publicJwkOf } from './keys.js';
import { compressedKeyFromJwk, compressedKeyOf, compressPoint, decompressPoint, importCompressedKey, jwkFromCompressedKey, PointError } from './p256.js';

const raw = async (k: CryptoKey) => new Uint8Array(await crypto.subtle.exportKey('raw', k));

describe('P-256 point compression', () => {
  it('round-trips WebCrypto keys of both y parities', async () => {
    const parities = new Set<number>();
    for (let i = 0; i < 16; i++) {
      const { publicKey } = await generateSigningKey();
      const point = await raw(publicKey);
      const compressed = compressPoint(point);
      expect(compressed.length).toBe(33);
      expect(compressed.subarray(1)).toEqual(point.subarray(1, 33));
      parities.add(compressed[0]!);
      expect(decompressPoint(compressed)).toEqual(point);
      expect(await compressedKeyOf(publicKey)).toEqual(compressed);
    }
    // 16 random keys with all one parity: 1 in 32 768.
    expect([...parities].sort()).toEqual([2, 3]);
  });

  it('imports a compressed key that verifies the private half’s signatures, and only those', async () => {
    const pair = await generateSigningKey();
    const data = new Uint8Array([1, 2, 3]);
    const sig = await crypto.subtle.sign(ES256_SIGN, pair.privateKey, bufferSource(data));
    const key = await importCompressedKey(await compressedKeyOf(pair.publicKey));
    expect(await crypto.subtle.verify(ES256_SIGN, key, sig, bufferSource(data))).toBe(true);
    expect(await crypto.subtle.verify(ES256_SIGN, key, sig, bufferSource(new Uint8Array([1, 2, 4])))).toBe(false);
  });

  it('converts to and from the public JWK a phone sends', async () => {
    const { publicKey } = await generateSigningKey();
    const jwk = await publicJwkOf(publicKey);
    const compressed = compressedKeyFromJwk(jwk);
    expect(compressed).toEqual(await compressedKeyOf(publicKey));
    expect(jwkFromCompressedKey(compressed)).toEqual(jwk);
    const imported = await crypto.subtle.importKey('jwk', jwkFromCompressedKey(compressed), ES256, true, ['verify']);
    expect(await raw(imported)).toEqual(await raw(publicKey));
  });

  it('refuses points off the curve, wrong prefixes and lengths, and private JWKs', async () => {
    // About half of all x have no point. For x = 1…24 every point we make must be one WebCrypto
    // accepts (it checks the curve equation on import), and every x we refuse must be a PointError.
    const outcomes = { point: 0, none: 0 };
    for (let x = 1; x <= 24; x++) {
      const compressed = new Uint8Array(33);
      compressed[0] = 0x02 | (x & 1);
      compressed[32] = x;
      try {
        await importCompressedKey(compressed);
        outcomes.point++;
      } catch (e) {
        expect(e).toBeInstanceOf(PointError);
        outcomes.none++;
      }
    }
    expect(outcomes.point).toBeGreaterThan(0);
    expect(outcomes.none).toBeGreaterThan(0);
    expect(() => decompressPoint(Uint8Array.of(0x04, ...new Uint8Array(32)))).toThrow(PointError);
    expect(() => decompressPoint(new Uint8Array(32))).toThrow(PointError);
    expect(() => decompressPoint(Uint8Array.of(0x02, ...new Uint8Array(32).fill(0xff)))).toThrow(/out of range/);
    const { publicKey } = await generateSigningKey();
    const point = await raw(publicKey);
    point[64]! ^= 1; // y changed: no longer on the curve
    expect(() => compressPoint(point)).toThrow(/not on P-256/);
    const jwk = await publicJwkOf(publicKey);
    expect(() => compressedKeyFromJwk({ ...jwk, d: 'AAAA' })).toThrow(PointError);
    expect(() => compressedKeyFromJwk({ ...jwk, crv: 'P-384' })).toThrow(PointError);
  });
});
