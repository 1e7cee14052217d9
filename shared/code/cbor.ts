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

/** A growable byte buffer: encoding allocates one array, not one number per byte. */
class Writer {
  private buf = new Uint8Array(256);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  head(major: number, n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new CborError(`cannot encode length ${n}`);
    const m = major << 5;
    if (n < 24) this.byte(m | n);
    else if (n < 0x100) {
      this.byte(m | 24);
      this.byte(n);
    } else if (n < 0x10000) {
      this.byte(m | 25);
      this.byte(n >> 8);
      this.byte(n & 0xff);
    } else if (n < 0x100000000) {
      this.byte(m | 26);
      this.be32(n);
    } else {
      this.byte(m | 27);
      this.be32(Math.floor(n / 0x100000000));
      this.be32(n >>> 0);
    }
  }

  private be32(x: number): void {
    this.byte((x >>> 24) & 0xff);
    this.byte((x >> 16) & 0xff);
    this.byte((x >> 8) & 0xff);
    this.byte(x & 0xff);
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: true });

export function encodeCbor(value: CborValue): Uint8Array {
  const w = new Writer();
  const enc = (v: CborValue): void => {
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) throw new CborError('only safe integers are supported');
      if (v >= 0) w.head(0, v);
      else w.head(1, -1 - v);
    } else if (typeof v === 'string') {
      const b = textEncoder.encode(v);
      w.head(3, b.length);
      w.bytes(b);
    } else if (typeof v === 'boolean') w.byte(v ? 0xf5 : 0xf4);
    else if (v === null) w.byte(0xf6);
    else if (v instanceof Uint8Array) {
      w.head(2, v.length);
      w.bytes(v);
    } else if (Array.isArray(v)) {
      w.head(4, v.length);
      v.forEach(enc);
    } else if (v instanceof Map) {
      w.head(5, v.size);
      for (const [k, val] of v) {
        enc(k);
        enc(val);
      }
    } else {
      w.head(6, v.tag);
      enc(v.value);
    }
  };
  enc(value);
  return w.result();
}

export function decodeCbor(bytes: Uint8Array): CborValue {
  const [value, end] = decodeItem(bytes, 0);
  if (end !== bytes.length) throw new CborError('trailing bytes after CBOR item');
  return value;
}

/**
 * A CBOR sequence (RFC 8742: items one after another, no array around them) → each item's own
 * bytes, every one checked to be well-formed. A presentation is such a sequence.
 */
export function splitCborSequence(bytes: Uint8Array, maxItems: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    if (parts.length === maxItems) throw new CborError('too many items in CBOR sequence');
    const [, end] = decodeItem(bytes, at);
    parts.push(bytes.subarray(at, end));
    at = end;
  }
  return parts;
}

/** Decodes the one item starting at `start`: its value, and where it ends. */
function decodeItem(bytes: Uint8Array, start: number): [CborValue, number] {
  let at = start;
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
          return textDecoder.decode(b);
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
  return [value, at];
}
