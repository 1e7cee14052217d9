import { expect, it, vi } from 'vitest';
import { issueCode } from '../../shared/code/issue.js';
import { testClaims } from '../../shared/testing.js';
import { fromBase64Url } from '../../shared/bytes.js';
import { describeStores } from '../testing/stores.js';
import { seedPeople, testServer, TEST_ACTOR } from '../testing/server.js';

describeStores('server code verifier', (store) => {
  it('says green, red with reason, and red-listed at once after a status change', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const { verifier, codes, status } = t.services;
    const green = await codes.codeFor('p-green');
    const red = await codes.codeFor('p-red');
    expect((await verifier.verify(green.text, t.clock.t)).kind).toBe('green');
    expect(await verifier.verify(red.text, t.clock.t)).toMatchObject({ kind: 'red', reason: 'close-contact' });
    await status.setStatus('p-green', 'red', 'positive-test', TEST_ACTOR);
    expect((await verifier.verify(green.text, t.clock.t)).kind).toBe('red-listed');
    await status.setStatus('p-green', 'green', undefined, TEST_ACTOR);
    expect((await verifier.verify(green.text, t.clock.t)).kind).toBe('green');
  });

  it('keeps verifying codes of a retired key, and refuses a withdrawn key', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const { verifier, codes, keys } = t.services;
    const first = (await keys.signer()).kidText;
    const old = await codes.codeFor('p-green');
    t.clock.advance(60_000);
    await keys.createSigningKey(TEST_ACTOR);
    const fresh = await codes.codeFor('p-green');
    expect((await verifier.verify(old.text, t.clock.t)).kind).toBe('green');
    expect((await verifier.verify(fresh.text, t.clock.t)).kind).toBe('green');
    await keys.withdraw(first, TEST_ACTOR);
    expect(await verifier.verify(old.text, t.clock.t)).toMatchObject({ kind: 'unknown-key', withdrawn: true });
    expect((await verifier.verify(fresh.text, t.clock.t)).kind).toBe('green');
  });

  it('judges a code as at the time given (capture time), never stale', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const code = await t.services.codes.codeFor('p-green');
    const later = code.expiresAt + 1;
    expect((await t.services.verifier.verify(code.text, later)).kind).toBe('expired');
    const v = await t.services.verifier.verify(code.text, code.issuedAt + 3_600_000);
    expect(v).toMatchObject({ kind: 'green', basis: { trustAgeMs: 0, redListAgeMs: 0 } });
  });

  it('does not reload the trust list or the red list per call', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const code = await t.services.codes.codeFor('p-green');
    const foreign = await issueCode(testClaims(t.clock.t, { sub: fromBase64Url('Z3JlZW4tMDE') }), {
      privateKey: (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])).privateKey,
      kid: new Uint8Array(8),
    });
    const entries = vi.spyOn(s.redList, 'entries');
    const keyRows = vi.spyOn(s.keys, 'signingKeys');
    for (let i = 0; i < 50; i++) await t.services.verifier.verify(i % 2 ? code.text : foreign, t.clock.t);
    expect(entries.mock.calls.length).toBeLessThanOrEqual(1);
    expect(keyRows.mock.calls.length).toBeLessThanOrEqual(1);
  });
});
