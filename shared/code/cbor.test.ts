import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes.js';
import { CborError, CborTag, decodeCbor, encodeCbor, type CborValue } from './cbor.js';

describe('CBOR subset', () => {
  // RFC 8949 appendix A.
  it.each<[CborValue, string]>([
    [0, '00'],
    [23, '17'],
    [24, '1818'],
    [1000, '1903e8'],
    [1000000, '1a000f4240'],
    [1000000000000, '1b000000e8d4a51000'],
    [-1, '20'],
    [-1000, '3903e7'],
    ['IETF', '6449455446'],
    ['水', '63e6b0b4'],
    [[1, [2, 3]], '8201820203'],
    [new Map<number, CborValue>([[1, 2], [3, 4]]), 'a201020304'],
    [new Uint8Array([1, 2, 3, 4]), '4401020304'],
    [true, 'f5'],
    [null, 'f6'],
  ])('encodes and decodes %o', (value, hex) => {
    expect(toHex(encodeCbor(value))).toBe(hex);
    expect(decodeCbor(fromHex(hex))).toEqual(value);
  });

  it('keeps tags', () => {
    const bytes = encodeCbor(new CborTag(18, [1]));
    expect(toHex(bytes)).toBe('d28101');
    expect(decodeCbor(bytes)).toEqual(new CborTag(18, [1]));
  });

  it.each([
    ['f93c00', 'half float'],
    ['9f01ff', 'indefinite array'],
    ['0000', 'trailing bytes'],
    ['62ffff', 'invalid UTF-8'],
    ['a2010101', 'duplicate key'],
    ['5a00010000', 'byte string longer than the data'],
    ['818181818181818181818101', 'too deep'],
    ['a1f601', 'null map key'],
  ])('rejects %s (%s)', (hex) => {
    expect(() => decodeCbor(fromHex(hex))).toThrow(CborError);
  });
});
