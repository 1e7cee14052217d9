import { describe, expect, it } from 'vitest';
import { testClaims } from '../testing.js';
import { decodeCbor, encodeCbor, type CborMap } from './cbor.js';
import { claimsFromCbor, claimsToCbor, ClaimsError, HG_CLAIM } from './claims.js';
import { makeTestDevice } from './live-testing.js';

const roundTrip = (m: CborMap) => claimsFromCbor(decodeCbor(encodeCbor(m)));

describe('claims', () => {
  it('keeps unbound codes in version 1 (string field names), as gates not yet updated read them', () => {
    const c = testClaims(undefined, { status: 'red', reason: 'close-contact' });
    const cbor = claimsToCbor(c);
    expect([...(cbor.get(HG_CLAIM) as CborMap).keys()]).toEqual(['v', 'sub', 'st', 'rs', 'nm', 'k']);
    expect(cbor.has(8)).toBe(false);
    expect(roundTrip(cbor)).toEqual(c);
  });

  it('writes a bound code in version 2 with an RFC 8747 cnf holding a compressed EC2 COSE_Key', async () => {
    const device = await makeTestDevice();
    const c = testClaims(undefined, { cnf: device.cnf, kind: 'dependent' });
    const cbor = claimsToCbor(c);
    expect([...(cbor.get(HG_CLAIM) as CborMap).entries()].slice(0, 1)).toEqual([[0, 2]]);
    const coseKey = (cbor.get(8) as CborMap).get(1) as CborMap;
    expect(coseKey).toEqual(
      new Map<number, unknown>([
        [1, 2],
        [-1, 1],
        [-2, device.cnf.slice(1)],
        [-3, device.cnf[0] === 0x03],
      ]),
    );
    expect(encodeCbor(cbor.get(8)!).length + 1).toBe(45);
    expect(roundTrip(cbor)).toEqual(c);
  });

  it('never binds a printed code to a device, on the way out or in', async () => {
    const device = await makeTestDevice();
    expect(() => claimsToCbor(testClaims(undefined, { cnf: device.cnf, kind: 'printed' }))).toThrow(ClaimsError);
    const cbor = claimsToCbor(testClaims(undefined, { cnf: device.cnf }));
    (cbor.get(HG_CLAIM) as CborMap).set(5, 3); // kind → printed
    expect(() => roundTrip(cbor)).toThrow(/printed/);
  });

  it.each([
    ['not a map', 7],
    ['no COSE_Key', new Map([[3, new Uint8Array(8)]])],
    ['wrong curve', new Map([[1, new Map<number, unknown>([[1, 2], [-1, 2], [-2, new Uint8Array(32)], [-3, true]])]])],
    ['short x', new Map([[1, new Map<number, unknown>([[1, 2], [-1, 1], [-2, new Uint8Array(31)], [-3, true]])]])],
    ['y not a sign bit', new Map([[1, new Map<number, unknown>([[1, 2], [-1, 1], [-2, new Uint8Array(32)], [-3, new Uint8Array(32)]])]])],
  ])('refuses a cnf that is %s', (_, cnf) => {
    const cbor = claimsToCbor(testClaims());
    cbor.set(8, cnf as never);
    expect(() => roundTrip(cbor)).toThrow(ClaimsError);
  });

  it('refuses unknown claim versions', () => {
    const cbor = claimsToCbor(testClaims());
    (cbor.get(HG_CLAIM) as CborMap).set('v', 3);
    expect(() => roundTrip(cbor)).toThrow(/version/);
  });
});
