// Base45 (RFC 9285): the QR alphanumeric alphabet, so a code fits QR's compact alphanumeric mode.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
/** Char code → digit value, -1 where the character is not in the alphabet. */
const VALUE = Int8Array.from({ length: 128 }, (_, code) => ALPHABET.indexOf(String.fromCharCode(code)));

export class Base45Error extends Error {
  override name = 'Base45Error';
}

export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    for (let j = 0; j < 3; j++) {
      out += ALPHABET[n % 45];
      n = Math.floor(n / 45);
    }
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

export function decodeBase45(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new Base45Error('invalid Base45 length');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  const digit = (i: number): number => {
    const v = VALUE[text.charCodeAt(i)] ?? -1;
    if (v < 0) throw new Base45Error(`invalid Base45 character ${JSON.stringify(text[i])}`);
    return v;
  };
  let at = 0;
  for (let i = 0; i < text.length; i += 3) {
    if (i + 2 < text.length) {
      const n = digit(i) + digit(i + 1) * 45 + digit(i + 2) * 2025;
      if (n > 0xffff) throw new Base45Error('Base45 triple out of range');
      out[at++] = n >> 8;
      out[at++] = n & 0xff;
    } else {
      const n = digit(i) + digit(i + 1) * 45;
      if (n > 0xff) throw new Base45Error('Base45 pair out of range');
      out[at++] = n;
    }
  }
  return out;
}
