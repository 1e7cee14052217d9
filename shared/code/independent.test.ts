// An independent reading of bound codes and presentations: byte-level CBOR written here from the
// RFCs (none of shared/code's decoders), WebCrypto for the curve. server/routes/codes.test.ts reads
// the server's codes the same way with node:crypto; this one covers what a device key adds.

import { expect, it } from 'vitest';
import { maskName } from '../names.js';
import { makeTestIssuer, T0 } from '../testing.js';
import { makeTestDevice } from './live-testing.js';
import { presentCode } from './presentation.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
function base45(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 3) {
    const [c, d, e] = [...s.slice(i, i + 3)].map((ch) => ALPHABET.indexOf(ch));
    const n = c! + d! * 45 + (e === undefined ? 0 : e * 2025);
    if (e === undefined) out.push(n);
    else out.push(n >> 8, n & 0xff);
  }
  return Uint8Array.from(out);
}

/** A CBOR head at `at`: [major type, argument, where the content starts]. */
function head(b: Uint8Array, at: number): [number, number, number] {
  const info = b[at]! & 0x1f;
  const major = b[at]! >> 5;
  if (info < 24) return [major, info, at + 1];
  const size = { 24: 1, 25: 2, 26: 4 }[info]!;
  let n = 0;
  for (let i = 1; i <= size; i++) n = n * 256 + b[at + i]!;
  return [major, n, at + 1 + size];
}

function bstr(b: Uint8Array, at: number): [Uint8Array, number] {
  const [major, len, start] = head(b, at);
  expect(major).toBe(2);
  return [b.slice(start, start + len), start + len];
}

const cborBstr = (x: Uint8Array) => [...(x.length < 24 ? [0x40 | x.length] : x.length < 256 ? [0x58, x.length] : [0x59, x.length >> 8, x.length & 0xff]), ...x];
const b64u = (x: Uint8Array) => btoa(String.fromCharCode(...x)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Reads a COSE_Sign1 at `at` and checks its ES256 signature with `jwk`; returns the payload and where it ends. */
async function readSign1(b: Uint8Array, at: number, jwk: JsonWebKey): Promise<{ ok: boolean; payload: Uint8Array; end: number }> {
  expect([b[at], b[at + 1]]).toEqual([0xd2, 0x84]); // tag 18, array of 4
  const [prot, afterProt] = bstr(b, at + 2);
  expect(b[afterProt]).toBe(0xa0); // empty unprotected header
  const [payload, afterPayload] = bstr(b, afterProt + 1);
  const [sig, end] = bstr(b, afterPayload);
  const tbs = Uint8Array.from([0x84, 0x6a, ...new TextEncoder().encode('Signature1'), ...cborBstr(prot), 0x40, ...cborBstr(payload)]);
  const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, tbs);
  return { ok, payload, end };
}

/** Finds the cnf COSE_Key's x and sign bit by its fixed layout: 08 A1 01 A4 01 02 20 01 21 58 20 <x> 22 F4|F5. */
function cnfOf(payload: Uint8Array): { x: Uint8Array; odd: boolean } {
  const marker = [0x08, 0xa1, 0x01, 0xa4, 0x01, 0x02, 0x20, 0x01, 0x21, 0x58, 0x20];
  const at = payload.findIndex((_, i) => marker.every((m, j) => payload[i + j] === m));
  expect(at).toBeGreaterThan(0);
  const x = payload.slice(at + marker.length, at + marker.length + 32);
  const [key, y] = [payload[at + marker.length + 32], payload[at + marker.length + 33]];
  expect(key).toBe(0x22);
  return { x, odd: y === 0xf5 };
}

/** y from x on P-256 (SEC 1 §2.3.4), written again here. */
function yOf(x: Uint8Array, odd: boolean): Uint8Array {
  const p = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
  const b = BigInt('0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b');
  const xn = BigInt('0x' + [...x].map((v) => v.toString(16).padStart(2, '0')).join(''));
  const alpha = (((xn ** 3n - 3n * xn + b) % p) + p) % p;
  let beta = 1n;
  for (let e = (p + 1n) / 4n, base = alpha; e > 0n; e >>= 1n, base = (base * base) % p) if (e & 1n) beta = (beta * base) % p;
  if ((beta & 1n) !== (odd ? 1n : 0n)) beta = p - beta;
  return Uint8Array.from(beta.toString(16).padStart(64, '0').match(/../g)!.map((h) => parseInt(h, 16)));
}

it('reads a presented bound code and both its signatures without our CBOR or COSE code', async () => {
  const [iss, device] = await Promise.all([makeTestIssuer(), makeTestDevice()]);
  const code = await iss.issue({ cnf: device.cnf, status: 'red', reason: 'close-contact', kind: 'traveller', maskedName: maskName('María de los Ángeles') });
  const text = await presentCode(code, device.privateKey, T0);

  // The plain bound code: the server's signature, as any COSE library would check it.
  const plain = await readSign1(base45(code.slice(4)), 0, iss.trustKey.jwk);
  expect(plain.ok).toBe(true);

  // The presentation: the same COSE_Sign1, then uint seconds, then a 64-byte bstr.
  const bytes = base45(text.slice(5));
  const inner = await readSign1(bytes, 0, iss.trustKey.jwk);
  expect(inner.ok).toBe(true);
  expect(inner.payload).toEqual(plain.payload);
  const [major, seconds, sigAt] = head(bytes, inner.end);
  expect([major, seconds]).toEqual([0, T0 / 1000]);
  const [sig, end] = bstr(bytes, sigAt);
  expect([sig.length, end]).toEqual([64, bytes.length]);

  // The device's proof: CBOR ["healthgate presentation 1", cti, seconds] under the cnf key.
  const ctiAt = inner.payload.findIndex((v, i) => v === 0x07 && inner.payload[i + 1] === 0x48);
  const cti = inner.payload.slice(ctiAt + 2, ctiAt + 10);
  const context = new TextEncoder().encode('healthgate presentation 1');
  const signed = Uint8Array.from([0x83, 0x78, context.length, ...context, 0x48, ...cti, 0x1a, ...[24, 16, 8, 0].map((s) => (seconds >>> s) & 0xff)]);
  const { x, odd } = cnfOf(inner.payload);
  const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: b64u(x), y: b64u(yOf(x, odd)) }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, signed)).toBe(true);
  signed[signed.length - 1]! ^= 1;
  expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, signed)).toBe(false);
});
