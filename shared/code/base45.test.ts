import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../bytes.js';
import { Base45Error, decodeBase45, encodeBase45 } from './base45.js';

// RFC 9285 sections 4.3 and 4.4.
const vectors: [string, string][] = [
  ['AB', 'BB8'],
  ['Hello!!', '%69 VD92EX0'],
  ['base-45', 'UJCLQE7W581'],
  ['ietf!', 'QED8WEX0'],
  ['', ''],
];

describe('Base45 (RFC 9285)', () => {
  it.each(vectors)('encodes %j as %j and back', (plain, encoded) => {
    expect(encodeBase45(utf8(plain))).toBe(encoded);
    expect(fromUtf8(decodeBase45(encoded))).toBe(plain);
  });

  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeBase45(encodeBase45(all))).toEqual(all);
  });

  it.each([
    ['GGW', 'triple above 65535 (RFC 9285 section 6)'],
    ['A', 'length 1 mod 3'],
    ['ab', 'lowercase is not in the alphabet'],
    ['Z:', 'pair above 255'],
  ])('rejects %j: %s', (text) => {
    expect(() => decodeBase45(text)).toThrow(Base45Error);
  });
});
