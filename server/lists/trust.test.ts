import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { issueCode } from '../../shared/code/issue.js';
import { verifyCode } from '../../shared/code/verify.js';
import { openEnvelope } from '../../shared/envelope.js';
import { testClaims } from '../../shared/testing.js';
import { loadTrustStore, TrustListSchema } from '../../shared/trust.js';
import { KeyFiles } from '../keys/files.js';
import { KeyRing } from '../keys/keyring.js';
import { describeStores } from '../testing/stores.js';
import { tempDataDir, TestClock, TEST_ACTOR } from '../testing/server.js';
import { TrustService } from './trust.js';

const redList = (at: number) => ({ version: 0, issuedAt: at, salt: 's', entries: new Set<string>() });

describeStores('trust list', (store) => {
  it('is signed by the published trust root and lists every key in its state', async () => {
    const dir = tempDataDir();
    const clock = new TestClock();
    const ring = new KeyRing(store(), new KeyFiles(dir), { now: clock.now, recheckMs: 0 });
    await ring.ensureKeys(TEST_ACTOR);
    const trust = new TrustService(ring, 'CN-44', clock.now);

    const oldCode = await issueCode(testClaims(clock.t), await ring.signer());
    clock.advance(60_000);
    const second = await ring.createSigningKey(TEST_ACTOR);
    const withdrawnCode = await issueCode(testClaims(clock.t), await ring.signer());
    clock.advance(60_000);
    const third = await ring.createSigningKey(TEST_ACTOR);
    const newCode = await issueCode(testClaims(clock.t), await ring.signer());
    await ring.withdraw(second.kid, TEST_ACTOR);

    clock.advance(1000);
    const roots = JSON.parse(readFileSync(join(dir, 'keys', 'trust-roots.public.json'), 'utf8')).roots;
    const list = await openEnvelope(await trust.envelope(), roots, TrustListSchema);
    expect(list.issuedAt).toBe(clock.t);
    expect(list.version).toBe(4);
    expect(list.keys.map((k) => k.state)).toEqual(['retired', 'withdrawn', 'active']);
    expect(list.keys[2]!.kid).toBe(third.kid);

    const store_ = await loadTrustStore(list);
    expect((await verifyCode(oldCode, store_, redList(clock.t), clock.t)).kind).toBe('green');
    expect((await verifyCode(newCode, store_, redList(clock.t), clock.t)).kind).toBe('green');
    expect(await verifyCode(withdrawnCode, store_, redList(clock.t), clock.t)).toMatchObject({ kind: 'unknown-key', withdrawn: true });
  });
});
