import { describe, expect, it } from 'vitest';
import { generateSigningKey, kidOf, publicJwkOf } from './code/keys.js';
import { EnvelopeError, openEnvelope, sealEnvelope } from './envelope.js';
import { makeTestIssuer, T0 } from './testing.js';
import { acceptTrustList, TrustListSchema, TrustRollbackError, type TrustList } from './trust.js';

async function root() {
  const pair = await generateSigningKey();
  return { pair, kid: await kidOf(pair.publicKey), jwk: await publicJwkOf(pair.publicKey) };
}

describe('trust list', () => {
  it('opens only with a trust root, and rejects a changed body', async () => {
    const r = await root();
    const other = await root();
    const { trustList } = await makeTestIssuer();
    const env = await sealEnvelope(trustList, r.pair.privateKey, r.kid);
    expect(await openEnvelope(env, [r.jwk], TrustListSchema)).toEqual(trustList);
    await expect(openEnvelope(env, [other.jwk], TrustListSchema)).rejects.toThrow(EnvelopeError);
    const tampered = await sealEnvelope({ ...trustList, version: 99 }, other.pair.privateKey, r.kid);
    await expect(openEnvelope({ ...env, body: tampered.body }, [r.jwk], TrustListSchema)).rejects.toThrow(EnvelopeError);
    await expect(openEnvelope({ ...env, extra: 1 }, [r.jwk], TrustListSchema)).rejects.toThrow(EnvelopeError);
  });

  it('rejects a signed body that does not match the schema', async () => {
    const r = await root();
    const env = await sealEnvelope({ v: 1, iss: 'x', version: 1, issuedAt: T0, keys: [], unknown: true }, r.pair.privateKey, r.kid);
    await expect(openEnvelope(env, [r.jwk], TrustListSchema)).rejects.toThrow(/invalid/);
  });

  it('never brings back a withdrawn key and never goes back a version', async () => {
    const { trustList, trustKey } = await makeTestIssuer();
    const held: TrustList = { ...trustList, version: 2, keys: [{ ...trustKey, state: 'withdrawn' }] };
    const revived = acceptTrustList(held, { ...trustList, version: 3, keys: [{ ...trustKey, state: 'active' }] });
    expect(revived.keys).toEqual([{ ...trustKey, state: 'withdrawn' }]);
    const dropped = acceptTrustList(held, { ...trustList, version: 3, keys: [] });
    expect(dropped.keys).toEqual([{ ...trustKey, state: 'withdrawn' }]);
    expect(() => acceptTrustList(held, { ...trustList, version: 1 })).toThrow(TrustRollbackError);
  });

  it('keeps a withdrawal point from moving later, and a validity from growing back', async () => {
    const { trustList, trustKey } = await makeTestIssuer();
    const held: TrustList = { ...trustList, version: 2, keys: [{ ...trustKey, state: 'withdrawn', withdrawnFrom: 5000, validTo: 9000 }] };
    const later = acceptTrustList(held, { ...trustList, version: 3, keys: [{ ...trustKey, state: 'withdrawn', withdrawnFrom: 7000, validTo: 10_000 }] });
    expect(later.keys).toEqual([{ ...trustKey, state: 'withdrawn', withdrawnFrom: 5000, validTo: 9000 }]);
    const earlier = acceptTrustList(held, { ...trustList, version: 3, keys: [{ ...trustKey, state: 'withdrawn', withdrawnFrom: 4000, validTo: 9000 }] });
    expect(earlier.keys[0]).toMatchObject({ withdrawnFrom: 4000 });
    const revived = acceptTrustList(held, { ...trustList, version: 3, keys: [{ ...trustKey, state: 'retired', validTo: 9000 }] });
    expect(revived.keys).toEqual([{ ...trustKey, state: 'withdrawn', withdrawnFrom: 5000, validTo: 9000 }]);
    const whole = acceptTrustList(held, { ...trustList, version: 3, keys: [{ ...trustKey, state: 'withdrawn', validTo: 9000 }] });
    expect(whole.keys[0]).not.toHaveProperty('withdrawnFrom');
    // A fully withdrawn key is not brought back to a partial withdrawal.
    const partial = acceptTrustList(whole, { ...trustList, version: 4, keys: [{ ...trustKey, state: 'withdrawn', withdrawnFrom: 5000, validTo: 9000 }] });
    expect(partial.keys[0]).not.toHaveProperty('withdrawnFrom');
    expect(() => acceptTrustList(partial, { ...trustList, version: 3, keys: [] })).toThrow(TrustRollbackError);
  });
});
