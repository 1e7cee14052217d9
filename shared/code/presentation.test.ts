import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { maskName } from '../names.js';
import { makeTestIssuer, T0 } from '../testing.js';
import { decodeBase45, encodeBase45 } from './base45.js';
import { decodeCbor, encodeCbor } from './cbor.js';
import { claimsFromCbor } from './claims.js';
import { parseCodeText } from './code-text.js';
import { CoseError } from './cose.js';
import { makeTestDevice } from './live-testing.js';
import { MAX_PRESENTATION_TEXT, parsePresentationText, presentCode, PresentationError, PRESENTATION_PREFIX, verifyPresentation } from './presentation.js';

const ctiOf = (codeText: string) => claimsFromCbor(decodeCbor(parseCodeText(codeText).payload)).cti;

describe('presentation', () => {
  it('wraps the code as issued with a proof the device key verifies', async () => {
    const [iss, device] = await Promise.all([makeTestIssuer(), makeTestDevice()]);
    const code = await iss.issue({ cnf: device.cnf });
    const text = await presentCode(code, device.privateKey, T0 + 1234);
    expect(text.startsWith(PRESENTATION_PREFIX)).toBe(true);
    const p = parsePresentationText(text);
    expect(p.provedAt).toBe(T0 + 1000); // whole seconds
    // The code inside is byte for byte the issued one.
    expect(encodeBase45(decodeBase45(code.slice(4)))).toBe(code.slice(4));
    expect(p.sign1).toEqual(parseCodeText(code));
    expect(await verifyPresentation(p, ctiOf(code), device.cnf)).toBe(true);
    // Every presentation differs (ECDSA signatures are randomised), even within one second.
    expect(await presentCode(code, device.privateKey, T0 + 1234)).not.toBe(text);
  });

  it('does not verify with another device’s key, another code id, or another time', async () => {
    const [iss, device, other] = await Promise.all([makeTestIssuer(), makeTestDevice(), makeTestDevice()]);
    const code = await iss.issue({ cnf: device.cnf });
    const p = parsePresentationText(await presentCode(code, device.privateKey, T0));
    expect(await verifyPresentation(p, ctiOf(code), other.cnf)).toBe(false);
    expect(await verifyPresentation(p, new Uint8Array(8), device.cnf)).toBe(false);
    expect(await verifyPresentation({ ...p, provedAt: p.provedAt + 1000 }, ctiOf(code), device.cnf)).toBe(false);
  });

  it('refuses to present a code with no device key in it', async () => {
    const [iss, device] = await Promise.all([makeTestIssuer(), makeTestDevice()]);
    await expect(presentCode(await iss.issue(), device.privateKey, T0)).rejects.toThrow(PresentationError);
  });

  it.each([
    ['no prefix', 'HG1:ABC'],
    ['bad Base45', 'HGP1:ab'],
    ['only a code', null],
    ['a fourth item', 'extra'],
    ['a time that is not an integer', 'time'],
    ['a short signature', 'sig'],
  ])('takes nothing apart that is not a presentation: %s', async (_, variant) => {
    const [iss, device] = await Promise.all([makeTestIssuer(), makeTestDevice()]);
    const code = await iss.issue({ cnf: device.cnf });
    const cose = decodeBase45(code.slice(4));
    const make = (...items: Uint8Array[]) => PRESENTATION_PREFIX + encodeBase45(Uint8Array.from(items.flatMap((i) => [...i])));
    const texts: Record<string, string> = {
      null: make(cose),
      extra: make(cose, encodeCbor(1), encodeCbor(new Uint8Array(64)), encodeCbor(0)),
      time: make(cose, encodeCbor('now'), encodeCbor(new Uint8Array(64))),
      sig: make(cose, encodeCbor(1), encodeCbor(new Uint8Array(63))),
    };
    const text = variant && variant in texts ? texts[variant]! : (variant ?? texts.null!);
    expect(() => parsePresentationText(text)).toThrow(CoseError);
  });
});

// The worst case: a red traveller code (every field present) with the longest masked names we
// expect, bound to a device key, presented. QR version 15 at level Q holds 426 characters.
const LONG_NAMES = [
  '买买提·艾力·阿不都热合曼·吐尔逊',
  'María de los Ángeles Fernández-Villaverde y Hohenzollern-Sigmaringen', // M* D* L* Á* F* V*: 18 bytes
  'Ángel Óscar Ñúñez Élodie Ürsula Çelik', // six two-byte initials: 23 bytes, the longest Latin mask
];

describe('presentation size', () => {
  it.each(LONG_NAMES)('a presented red traveller code for %s fits QR version 15 at level Q', async (name) => {
    const [iss, device] = await Promise.all([makeTestIssuer(), makeTestDevice()]);
    const code = await iss.issue({ maskedName: maskName(name), status: 'red', reason: 'missing-declaration', kind: 'traveller', cnf: device.cnf });
    // Proof times are 5-byte CBOR integers for the next 80 years; a later time costs nothing more.
    const text = await presentCode(code, device.privateKey, Date.UTC(2100, 0, 1));
    expect(text.length).toBeLessThanOrEqual(MAX_PRESENTATION_TEXT);
    expect(text).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    expect(QRCode.create(text, { errorCorrectionLevel: 'Q' }).version).toBeLessThanOrEqual(15);
  });

  it('has the budget the format promises: code + 45-byte cnf − 11 bytes of v2 claims + 71-byte proof', async () => {
    const [iss, device] = await Promise.all([makeTestIssuer(), makeTestDevice()]);
    const claims = { maskedName: maskName(LONG_NAMES[2]!), status: 'red' as const, reason: 'missing-declaration' as const, kind: 'traveller' as const };
    const plain = decodeBase45((await iss.issue(claims)).slice(4)).length;
    const bound = decodeBase45((await iss.issue({ ...claims, cnf: device.cnf })).slice(4)).length;
    const presented = decodeBase45((await presentCode(await iss.issue({ ...claims, cnf: device.cnf }), device.privateKey, T0)).slice(5)).length;
    expect(bound - plain).toBe(45 - 11);
    expect(presented - bound).toBe(5 + 66);
    // 173 + 34 + 71 = 278 bytes → 417 Base45 characters + "HGP1:" = 422 ≤ 426.
    expect([plain, bound, presented]).toEqual([173, 207, 278]);
  });
});
