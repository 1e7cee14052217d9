import { describe, expect, it } from 'vitest';
import { randomBytes, sha256, toHex, utf8 } from './bytes.js';
import { sha256Sync } from './sha256.js';

describe('sha256Sync', () => {
  // FIPS 180-4 / NIST CAVP examples.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('hashes %j', (input, hex) => {
    expect(toHex(sha256Sync(utf8(input)))).toBe(hex);
  });

  it('agrees with crypto.subtle on every length across block boundaries', async () => {
    for (let n = 0; n < 200; n++) {
      const data = randomBytes(n);
      expect(toHex(sha256Sync(data))).toBe(toHex(await sha256(data)));
    }
  });
});
