import { describe, expect, it } from 'vitest';
import { randomBytes, toBase64Url } from '../bytes.js';
import { applyRedList, redListEntry, type RedList } from '../redlist.js';
import { makeTestIssuer, T0 } from '../testing.js';
import { loadTrustStore } from '../trust.js';
import { decodeBase45, encodeBase45 } from './base45.js';
import { CborTag, decodeCbor, encodeCbor } from './cbor.js';
import { signSign1 } from './cose.js';
import { CODE_PREFIX, verifyCode, type Verdict } from './verify.js';

const HOUR = 3600_000;
const freshRedList = (entries: string[] = []): RedList => ({ version: 1, issuedAt: T0, salt: 's1', entries: new Set(entries) });
const NOW = T0 + HOUR;

describe('verifyCode', () => {
  it('passes a good green code', async () => {
    const iss = await makeTestIssuer();
    const v = await verifyCode(await iss.issue(), iss.trust, freshRedList(), NOW);
    expect(v.kind).toBe('green');
    if (v.kind !== 'green') return;
    expect(v.code.maskedName).toBe('张*明');
    expect(v.basis).toEqual({ trustVersion: 1, trustAgeMs: HOUR, redListVersion: 1, redListAgeMs: HOUR, codeAgeMs: HOUR, proofAgeMs: null });
    // A phone code shown as plain text, accepted while the transition switch is on.
    expect([v.presence, v.code.deviceBound]).toEqual(['not-live-checked', false]);
  });

  it("refuses a well-signed code from another issuer than the trust list's", async () => {
    const iss = await makeTestIssuer();
    expect(iss.trust.iss).not.toBe('XX-99');
    const v = await verifyCode(await iss.issue({ iss: 'XX-99' }), iss.trust, freshRedList(), NOW);
    expect(v).toMatchObject({ kind: 'malformed', detail: `issued by XX-99, not by ${iss.trust.iss}` });
  });

  it('refuses a code valid for longer than its kind may be; printed codes may be valid longer', async () => {
    const iss = await makeTestIssuer();
    const iat = Math.floor(T0 / 1000);
    const years = (n: number) => n * 366 * 24 * 3600;
    const century = await iss.issue({ iat, exp: iat + years(100) });
    expect(await verifyCode(century, iss.trust, freshRedList(), NOW)).toMatchObject({ kind: 'malformed', detail: 'valid for longer than a resident code may be' });
    const month = await iss.issue({ iat, exp: iat + 30 * 24 * 3600 });
    expect((await verifyCode(month, iss.trust, freshRedList(), NOW)).kind).toBe('green');
    const printedYear = await iss.issue({ iat, exp: iat + 300 * 24 * 3600, kind: 'printed' });
    expect((await verifyCode(printedYear, iss.trust, freshRedList(), NOW)).kind).toBe('green');
    const phoneYear = await iss.issue({ iat, exp: iat + 300 * 24 * 3600, kind: 'traveller' });
    expect((await verifyCode(phoneYear, iss.trust, freshRedList(), NOW)).kind).toBe('malformed');
    // Configurable per kind.
    const tight = { maxValidityHours: { phone: 24, printed: 48 } };
    expect((await verifyCode(month, iss.trust, freshRedList(), NOW, tight)).kind).toBe('malformed');
    expect((await verifyCode(await iss.issue({ iat, exp: iat + 24 * 3600 }), iss.trust, freshRedList(), NOW, tight)).kind).toBe('green');
  });

  it('shows a red code as red with its reason', async () => {
    const iss = await makeTestIssuer();
    const v = await verifyCode(await iss.issue({ status: 'red', reason: 'close-contact' }), iss.trust, freshRedList(), NOW);
    expect(v).toMatchObject({ kind: 'red', reason: 'close-contact' });
  });

  it('says red-listed when the subject turned red after issue', async () => {
    const iss = await makeTestIssuer();
    const sub = randomBytes(8);
    const list = freshRedList([redListEntry('s1', sub)]);
    expect((await verifyCode(await iss.issue({ sub }), iss.trust, list, NOW)).kind).toBe('red-listed');
  });

  it('says expired after exp and not-yet-valid before iat (beyond 5 min leeway)', async () => {
    const iss = await makeTestIssuer();
    const code = await iss.issue();
    expect((await verifyCode(code, iss.trust, freshRedList(), T0 + 72 * HOUR)).kind).toBe('expired');
    const future = await iss.issue({}, T0 + 10 * 60_000);
    expect((await verifyCode(future, iss.trust, freshRedList(), T0)).kind).toBe('not-yet-valid');
    const slightlyAhead = await iss.issue({}, T0 + 4 * 60_000);
    expect((await verifyCode(slightlyAhead, iss.trust, freshRedList(), T0)).kind).toBe('green');
  });

  it('says unknown-key for a key not in the trust list, and for a withdrawn key', async () => {
    const iss = await makeTestIssuer();
    const other = await makeTestIssuer();
    expect(await verifyCode(await other.issue(), iss.trust, freshRedList(), NOW)).toMatchObject({ kind: 'unknown-key', withdrawn: false });
    const withdrawn = await loadTrustStore({ ...iss.trustList, keys: [{ ...iss.trustKey, state: 'withdrawn' }] });
    expect(await verifyCode(await iss.issue(), withdrawn, freshRedList(), NOW)).toMatchObject({ kind: 'unknown-key', withdrawn: true });
    // Withdrawn from a point in time: codes signed before it still verify, codes signed at or after it do not.
    const from = T0 + 10 * 60_000;
    const partly = await loadTrustStore({ ...iss.trustList, keys: [{ ...iss.trustKey, state: 'withdrawn', withdrawnFrom: from }] });
    expect((await verifyCode(await iss.issue({}, from - 1000), partly, freshRedList(), NOW)).kind).toBe('green');
    expect(await verifyCode(await iss.issue({}, from), partly, freshRedList(), NOW)).toMatchObject({ kind: 'unknown-key', withdrawn: true });
    expect(await verifyCode(await iss.issue({}, from + 60_000), partly, freshRedList(), NOW)).toMatchObject({ kind: 'unknown-key', withdrawn: true });
  });

  it('says unknown-key for a code issued outside its key validity', async () => {
    const iss = await makeTestIssuer();
    const late = await loadTrustStore({ ...iss.trustList, keys: [{ ...iss.trustKey, validFrom: T0 + HOUR }] });
    expect((await verifyCode(await iss.issue(), late, freshRedList(), NOW)).kind).toBe('unknown-key');
  });

  it('says bad-signature for a forged code: one payload bit flipped, signature kept', async () => {
    const iss = await makeTestIssuer();
    const cose = decodeBase45((await iss.issue({ status: 'red', reason: 'positive-test' })).slice(4));
    const tag = decodeCbor(cose) as CborTag;
    const [prot, unprot, payload, sig] = tag.value as [Uint8Array, Map<number, never>, Uint8Array, Uint8Array];
    const claims = decodeCbor(payload) as Map<number, Map<string, unknown>>;
    claims.get(-301)!.set('st', 0); // red → green
    claims.get(-301)!.delete('rs');
    const forged = encodeCbor(new CborTag(18, [prot, unprot, encodeCbor(claims as never), sig]));
    expect((await verifyCode(CODE_PREFIX + encodeBase45(forged), iss.trust, freshRedList(), NOW)).kind).toBe('bad-signature');
  });

  it('tries every key sharing a kid', async () => {
    const a = await makeTestIssuer();
    const b = await makeTestIssuer();
    // b's key listed under a's kid first: a's code must still verify with a's key.
    const trust = await loadTrustStore({ ...a.trustList, keys: [{ ...b.trustKey, kid: a.trustKey.kid }, a.trustKey] });
    expect((await verifyCode(await a.issue(), trust, freshRedList(), NOW)).kind).toBe('green');
  });

  it('rejects algorithms other than ES256 as malformed, before any key is used', async () => {
    const iss = await makeTestIssuer();
    const prot = encodeCbor(new Map<number, number | Uint8Array>([[1, -8], [4, iss.signer.kid]]));
    const cose = encodeCbor(new CborTag(18, [prot, new Map(), encodeCbor(1), new Uint8Array(64)]));
    const v = await verifyCode(CODE_PREFIX + encodeBase45(cose), iss.trust, freshRedList(), NOW);
    expect(v).toMatchObject({ kind: 'malformed' });
    expect((v as Extract<Verdict, { kind: 'malformed' }>).detail).toMatch(/ES256/);
  });

  it.each([
    ['', 'empty'],
    ['hello', 'no prefix'],
    ['HG1:ab', 'bad Base45'],
    ['HG1:' + encodeBase45(new Uint8Array([1, 2, 3])), 'not COSE'],
    ['HG1:' + 'A'.repeat(2000), 'too long'],
  ])('says malformed for %j (%s)', async (text) => {
    const iss = await makeTestIssuer();
    expect((await verifyCode(text, iss.trust, freshRedList(), NOW)).kind).toBe('malformed');
  });

  it('says malformed when the signed claims are nonsense', async () => {
    const iss = await makeTestIssuer();
    const cose = await signSign1(encodeCbor(new Map([[1, 'CN-44']])), iss.signer.privateKey, iss.signer.kid);
    expect((await verifyCode(CODE_PREFIX + encodeBase45(cose), iss.trust, freshRedList(), NOW)).kind).toBe('malformed');
  });

  it('never shows plain green when a list is missing or older than 72 h', async () => {
    const iss = await makeTestIssuer();
    const code = await iss.issue();
    expect(await verifyCode(code, iss.trust, undefined, NOW)).toMatchObject({ kind: 'cannot-confirm', because: 'no-red-list' });
    expect(await verifyCode(code, undefined, freshRedList(), NOW)).toMatchObject({ kind: 'unknown-key' });
    const late = T0 + 73 * HOUR;
    const longCode = await iss.issue({ exp: Math.floor((T0 + 100 * HOUR) / 1000) });
    expect(await verifyCode(longCode, iss.trust, { ...freshRedList(), issuedAt: late }, late)).toMatchObject({
      kind: 'cannot-confirm',
      because: 'trust-list-stale',
    });
    const freshTrust = { ...iss.trust, issuedAt: late };
    expect(await verifyCode(longCode, freshTrust, freshRedList(), late)).toMatchObject({ kind: 'cannot-confirm', because: 'red-list-stale' });
    expect((await verifyCode(longCode, freshTrust, freshRedList(), late, { maxListAgeMs: 100 * HOUR })).kind).toBe('green');
  });
});

describe('red list', () => {
  it('applies a snapshot, then a delta, and asks for a snapshot when the total does not match', async () => {
    const [a, b, c] = [1, 2, 3].map(() => redListEntry('s', randomBytes(8)));
    const base = { v: 1 as const, issuedAt: T0, salt: 's' };
    const snap = applyRedList(undefined, { ...base, version: 3, total: 2, snapshot: [a!, b!] })!;
    expect([...snap.entries]).toEqual([a, b]);
    const next = applyRedList(snap, { ...base, version: 5, total: 2, delta: { since: 3, added: [c!], removed: [a!] } })!;
    expect([...next.entries].sort()).toEqual([b, c].sort());
    expect(applyRedList(snap, { ...base, version: 5, total: 3, delta: { since: 3, added: [c!], removed: [a!] } })).toBeUndefined();
    expect(applyRedList(snap, { ...base, version: 5, total: 2, delta: { since: 4, added: [c!], removed: [a!] } })).toBeUndefined();
  });

  it('entries are 16 base64url characters and depend on the salt', async () => {
    const sub = randomBytes(8);
    const e = redListEntry('s', sub);
    expect(e).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(redListEntry('t', sub)).not.toBe(e);
    expect(toBase64Url(sub)).not.toBe(e);
  });
});
