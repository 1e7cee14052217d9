import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { maskName } from '../names.js';
import { makeTestIssuer } from '../testing.js';

// Long real-world names: a Uyghur name in Chinese, and a long Spanish/German traveller name.
const LONG_NAMES = [
  '买买提·艾力·阿不都热合曼·吐尔逊',
  'María de los Ángeles Fernández-Villaverde y Hohenzollern-Sigmaringen',
  '欧阳娜娜',
];

describe('code size', () => {
  it.each(LONG_NAMES)('a red traveller code for %s fits QR version 11 at level Q', async (name) => {
    const iss = await makeTestIssuer();
    const text = await iss.issue({ maskedName: maskName(name), status: 'red', reason: 'missing-declaration', kind: 'traveller' });
    const qr = QRCode.create(text, { errorCorrectionLevel: 'Q' });
    expect(qr.version).toBeLessThanOrEqual(11);
    // Alphanumeric mode only: the whole text is in the QR alphanumeric alphabet.
    expect(text).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
  });
});
