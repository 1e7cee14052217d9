// Base45 (RFC 9285): the QR alphanumeric alphabet, so a code fits QR's compact alphanumeric mode.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

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
  let at = 0;
  for (let i = 0; i < text.length; i += 3) {
    const chunk = text.slice(i, i + 3);
    const digits = [...chunk].map((c) => {
      const v = INDEX.get(c);
      if (v === undefined) throw new Base45Error(`invalid Base45 character ${JSON.stringify(c)}`);
      return v;
    });
    const n = digits.reduce((acc, d, j) => acc + d * 45 ** j, 0);
    if (chunk.length === 3) {
      if (n > 0xffff) throw new Base45Error('Base45 triple out of range');
      out[at++] = n >> 8;
      out[at++] = n & 0xff;
    } else {
      if (n > 0xff) throw new Base45Error('Base45 pair out of range');
      out[at++] = n;
    }
  }
  return out;
}
