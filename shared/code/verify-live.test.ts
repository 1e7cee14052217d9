import { describe, expect, it } from 'vitest';
import { randomBytes } from '../bytes.js';
import { redListEntry, type RedList } from '../redlist.js';
import { makeTestIssuer, T0 } from '../testing.js';
import { decodeBase45, encodeBase45 } from './base45.js';
import { encodeCbor } from './cbor.js';
import { makeTestDevice } from './live-testing.js';
import { presentCode, PRESENTATION_PREFIX } from './presentation.js';
import { verifyCode, type Verdict } from './verify.js';

const MIN = 60_000;
const NOW = T0 + 3600_000;
const redList = (entries: string[] = []): RedList => ({ version: 1, issuedAt: T0, salt: 's1', entries: new Set(entries) });

async function bound(overrides = {}) {
  const [iss, device] = await Promise.all([makeTestIssuer(), makeTestDevice()]);
  const code = await iss.issue({ cnf: device.cnf, ...overrides });
  return { iss, device, code, present: (at: number) => presentCode(code, device.privateKey, at) };
}

const summary = (v: Verdict) => [v.kind, 'presence' in v ? v.presence : null, 'because' in v ? v.because : null];

describe('verifyCode: live presentations', () => {
  it('is live and green within ±2 min of the gate clock, a replay beyond it', async () => {
    const b = await bound();
    const at = async (offset: number) => verifyCode(await b.present(NOW + offset), b.iss.trust, redList(), NOW);
    const live = await at(0);
    expect(summary(live)).toEqual(['green', 'live', null]);
    expect(live).toMatchObject({ code: { deviceBound: true, maskedName: '张*明' }, basis: { proofAgeMs: 0 } });
    expect(summary(await at(-2 * MIN))).toEqual(['green', 'live', null]);
    expect(summary(await at(2 * MIN))).toEqual(['green', 'live', null]);
    const old = await at(-2 * MIN - 1000);
    expect(old).toMatchObject({ kind: 'replay', presence: 'replayed', because: 'proof-too-old', provedAt: NOW - 2 * MIN - 1000 });
    expect(old.basis.proofAgeMs).toBe(2 * MIN + 1000);
    expect(summary(await at(2 * MIN + 1000))).toEqual(['replay', 'replayed', 'proof-in-future']);
  });

  it('takes a configured tolerance', async () => {
    const b = await bound();
    const text = await b.present(NOW - 5 * MIN);
    expect((await verifyCode(text, b.iss.trust, redList(), NOW)).kind).toBe('replay');
    expect((await verifyCode(text, b.iss.trust, redList(), NOW, { liveToleranceMs: 10 * MIN })).kind).toBe('green');
    expect((await verifyCode(await b.present(NOW - 20_000), b.iss.trust, redList(), NOW, { liveToleranceMs: 10_000 })).kind).toBe('replay');
  });

  it('keeps red, turned-red and expired verdicts for replays, marked replayed', async () => {
    const red = await bound({ status: 'red', reason: 'close-contact' });
    expect(summary(await verifyCode(await red.present(NOW - 10 * MIN), red.iss.trust, redList(), NOW))).toEqual(['red', 'replayed', null]);
    const sub = randomBytes(8);
    const listed = await bound({ sub });
    const v = await verifyCode(await listed.present(NOW - 10 * MIN), listed.iss.trust, redList([redListEntry('s1', sub)]), NOW);
    expect(summary(v)).toEqual(['red-listed', 'replayed', null]);
    const late = T0 + 80 * 3600_000;
    const old = await bound();
    expect(summary(await verifyCode(await old.present(late), old.iss.trust, redList(), late))).toEqual(['expired', 'live', null]);
  });

  it('turns a stale-list "cannot confirm" into a replay when the proof is not live', async () => {
    const b = await bound();
    expect(summary(await verifyCode(await b.present(NOW), b.iss.trust, undefined, NOW))).toEqual(['cannot-confirm', 'live', 'no-red-list']);
    expect(summary(await verifyCode(await b.present(NOW - 3 * MIN), b.iss.trust, undefined, NOW))).toEqual(['replay', 'replayed', 'proof-too-old']);
  });

  it('says bad-signature (proof) for a proof by another phone, or a time changed after signing', async () => {
    const b = await bound();
    const thief = await makeTestDevice();
    const forged = await presentCode(b.code, thief.privateKey, NOW);
    expect(await verifyCode(forged, b.iss.trust, redList(), NOW)).toMatchObject({ kind: 'bad-signature', part: 'proof' });
    // An old screenshot with its time rewritten to now: the device signature no longer matches.
    const cose = decodeBase45(b.code.slice(4));
    const old = decodeBase45((await b.present(NOW - 60 * MIN)).slice(5));
    const sig = old.subarray(old.length - 66);
    const rewritten = PRESENTATION_PREFIX + encodeBase45(Uint8Array.from([...cose, ...encodeCbor(Math.floor(NOW / 1000)), ...sig]));
    expect(await verifyCode(rewritten, b.iss.trust, redList(), NOW)).toMatchObject({ kind: 'bad-signature', part: 'proof' });
  });

  it('says bad-signature (code) when the code inside a presentation was changed', async () => {
    const b = await bound({ status: 'red', reason: 'positive-test' });
    const text = await b.present(NOW);
    const bytes = decodeBase45(text.slice(5));
    // The status byte is the second one of the "st" entry (key 2 in v2 claims): 0x02 0x01 → 0x02 0x00.
    const st = bytes.findIndex((x, i) => x === 0x02 && bytes[i + 1] === 0x01 && bytes[i + 2] === 0x03);
    expect(st).toBeGreaterThan(0);
    bytes[st + 1] = 0x00;
    expect(await verifyCode(PRESENTATION_PREFIX + encodeBase45(bytes), b.iss.trust, redList(), NOW)).toMatchObject({ kind: 'bad-signature', part: 'code' });
  });

  it('says malformed for a presentation of a code with no device key', async () => {
    const iss = await makeTestIssuer();
    const cose = decodeBase45((await iss.issue()).slice(4));
    const text = PRESENTATION_PREFIX + encodeBase45(Uint8Array.from([...cose, ...encodeCbor(Math.floor(NOW / 1000)), ...encodeCbor(new Uint8Array(64))]));
    expect(await verifyCode(text, iss.trust, redList(), NOW)).toMatchObject({ kind: 'malformed', detail: expect.stringMatching(/no device key/) });
  });

  it('says unknown-key for a presentation signed by a key the gate does not trust', async () => {
    const b = await bound();
    const other = await makeTestIssuer();
    expect((await verifyCode(await b.present(NOW), other.trust, redList(), NOW)).kind).toBe('unknown-key');
  });
});

describe('verifyCode: codes shown as plain text', () => {
  it('marks a printed code printed, with or without the transition switch', async () => {
    const iss = await makeTestIssuer();
    const printed = await iss.issue({ kind: 'printed' });
    expect(summary(await verifyCode(printed, iss.trust, redList(), NOW))).toEqual(['green', 'printed', null]);
    expect(summary(await verifyCode(printed, iss.trust, redList(), NOW, { acceptWithoutProof: false }))).toEqual(['green', 'printed', null]);
  });

  it('accepts an unbound phone code as not live-checked while the switch is on, and asks for the live code when off', async () => {
    const iss = await makeTestIssuer();
    const code = await iss.issue({ kind: 'traveller' });
    expect(summary(await verifyCode(code, iss.trust, redList(), NOW))).toEqual(['green', 'not-live-checked', null]);
    const off = await verifyCode(code, iss.trust, redList(), NOW, { acceptWithoutProof: false });
    expect(off).toMatchObject({ kind: 'replay', presence: 'not-live-checked', because: 'no-proof', provedAt: null });
    const red = await iss.issue({ status: 'red', reason: 'quarantine' });
    expect(summary(await verifyCode(red, iss.trust, redList(), NOW, { acceptWithoutProof: false }))).toEqual(['red', 'not-live-checked', null]);
  });

  it('treats a bound code’s plain text like an unbound one: not live-checked, or a replay with the switch off', async () => {
    const b = await bound();
    const v = await verifyCode(b.code, b.iss.trust, redList(), NOW);
    expect(v).toMatchObject({ kind: 'green', presence: 'not-live-checked', code: { deviceBound: true } });
    expect(summary(await verifyCode(b.code, b.iss.trust, redList(), NOW, { acceptWithoutProof: false }))).toEqual(['replay', 'not-live-checked', 'no-proof']);
  });
});
