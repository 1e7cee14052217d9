// The small, strict subset of CBOR (RFC 8949) that COSE and CWT need: integers, byte and text
// strings, arrays, maps, tags, booleans and null, definite lengths only. Decoding rejects
// anything else (floats, indefinite lengths, trailing bytes, deep nesting) as malformed.

export type CborValue =
  | number
  | string
  | boolean
  | null
  | Uint8Array
  | CborValue[]
  | CborMap
  | CborTag;
export type CborMap = Map<number | string, CborValue>;

export class CborTag {
  constructor(
    readonly tag: number,
    readonly value: CborValue,
  ) {}
}

export class CborError extends Error {
  override name = 'CborError';
}

const MAX_DEPTH = 8;
const MAX_ITEMS = 1024;

function head(major: number, n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new CborError(`cannot encode length ${n}`);
  const m = major << 5;
  if (n < 24) return [m | n];
  if (n < 0x100) return [m | 24, n];
  if (n < 0x10000) return [m | 25, n >> 8, n & 0xff];
  if (n < 0x100000000) return [m | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  const hi = Math.floor(n / 0x100000000);
  const lo = n >>> 0;
  const be32 = (x: number) => [(x >>> 24) & 0xff, (x >> 16) & 0xff, (x >> 8) & 0xff, x & 0xff];
  return [m | 27, ...be32(hi), ...be32(lo)];
}

export function encodeCbor(value: CborValue): Uint8Array {
  const out: number[] = [];
  const push = (bytes: ArrayLike<number>) => {
    for (let i = 0; i < bytes.length; i++) out.push(bytes[i]!);
  };
  const enc = (v: CborValue): void => {
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) throw new CborError('only safe integers are supported');
      push(v >= 0 ? head(0, v) : head(1, -1 - v));
    } else if (typeof v === 'string') {
      const b = new TextEncoder().encode(v);
      push(head(3, b.length));
      push(b);
    } else if (typeof v === 'boolean') out.push(v ? 0xf5 : 0xf4);
    else if (v === null) out.push(0xf6);
    else if (v instanceof Uint8Array) {
      push(head(2, v.length));
      push(v);
    } else if (Array.isArray(v)) {
      push(head(4, v.length));
      v.forEach(enc);
    } else if (v instanceof Map) {
      push(head(5, v.size));
      for (const [k, val] of v) {
        enc(k);
        enc(val);
      }
    } else {
      push(head(6, v.tag));
      enc(v.value);
    }
  };
  enc(value);
  return Uint8Array.from(out);
}

export function decodeCbor(bytes: Uint8Array): CborValue {
  let at = 0;
  let items = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw new CborError('unexpected end of CBOR data');
  };
  const readArg = (info: number): number => {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw new CborError('indefinite lengths and reserved values are not supported');
    need(size);
    let n = 0;
    for (let i = 0; i < size; i++) n = n * 256 + bytes[at++]!;
    if (!Number.isSafeInteger(n)) throw new CborError('integer too large');
    return n;
  };
  const item = (depth: number): CborValue => {
    if (depth > MAX_DEPTH) throw new CborError('CBOR nested too deeply');
    if (++items > MAX_ITEMS) throw new CborError('too many CBOR items');
    need(1);
    const first = bytes[at++]!;
    const major = first >> 5;
    const info = first & 31;
    if (major === 7) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22) return null;
      throw new CborError('unsupported CBOR simple value or float');
    }
    const n = readArg(info);
    switch (major) {
      case 0:
        return n;
      case 1:
        return -1 - n;
      case 2:
      case 3: {
        need(n);
        const b = bytes.slice(at, at + n);
        at += n;
        if (major === 2) return b;
        try {
          return new TextDecoder('utf-8', { fatal: true }).decode(b);
        } catch {
          throw new CborError('invalid UTF-8 in CBOR text');
        }
      }
      case 4: {
        if (n > MAX_ITEMS) throw new CborError('CBOR array too long');
        const arr: CborValue[] = [];
        for (let i = 0; i < n; i++) arr.push(item(depth + 1));
        return arr;
      }
      case 5: {
        if (n > MAX_ITEMS) throw new CborError('CBOR map too long');
        const map: CborMap = new Map();
        for (let i = 0; i < n; i++) {
          const k = item(depth + 1);
          if (typeof k !== 'number' && typeof k !== 'string') throw new CborError('map keys must be integers or text');
          if (map.has(k)) throw new CborError('duplicate map key');
          map.set(k, item(depth + 1));
        }
        return map;
      }
      default:
        return new CborTag(n, item(depth + 1));
    }
  };
  const value = item(0);
  if (at !== bytes.length) throw new CborError('trailing bytes after CBOR item');
  return value;
}
