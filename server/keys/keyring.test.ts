import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { issueCode } from '../../shared/code/issue.js';
import { testClaims } from '../../shared/testing.js';
import { describeStores } from '../testing/stores.js';
import { tempDataDir, TestClock, TEST_ACTOR } from '../testing/server.js';
import { KeyFiles } from './files.js';
import { KeyRing, RETIRE_GRACE_MS } from './keyring.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describeStores('key ring', (store) => {
  it('creates a trust root and one active key on first start, and nothing on the next', async () => {
    const dir = tempDataDir();
    const clock = new TestClock();
    const ring = new KeyRing(store(), new KeyFiles(dir), { now: clock.now });
    expect(await ring.ensureKeys(TEST_ACTOR)).toMatchObject({ createdRoot: true, createdKid: expect.any(String) });

    const published = JSON.parse(readFileSync(join(dir, 'keys', 'trust-roots.public.json'), 'utf8'));
    expect(Object.keys(published)).toEqual(['roots']);
    expect(published.roots).toHaveLength(1);
    expect(Object.keys(published.roots[0]).sort()).toEqual(['crv', 'kty', 'x', 'y']);

    const keys = await ring.list();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ state: 'active', validFrom: clock.t - (clock.t % 1000) });
    expect(keys[0]!.jwk).not.toHaveProperty('d');
    expect(mode(join(dir, 'keys', 'trust-root.private.jwk.json'))).toBe(0o600);
    expect(mode(join(dir, 'keys', 'signing', `${keys[0]!.kid}.private.jwk.json`))).toBe(0o600);
    expect(await ring.trustVersion()).toBe(1);

    const again = new KeyRing(store(), new KeyFiles(dir), { now: clock.now });
    expect(await again.ensureKeys(TEST_ACTOR)).toEqual({ createdRoot: false, createdKid: undefined });
    expect(await again.list()).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'keys', 'trust-roots.public.json'), 'utf8'))).toEqual(published);
  });

  it('rotates: the new key is active, the old one retired with a short grace, the version bumped', async () => {
    const clock = new TestClock();
    const ring = new KeyRing(store(), new KeyFiles(tempDataDir()), { now: clock.now, recheckMs: 0 });
    await ring.ensureKeys(TEST_ACTOR);
    const first = (await ring.signer()).kidText;
    clock.advance(3_600_000);
    const second = await ring.createSigningKey(TEST_ACTOR);
    expect((await ring.signer()).kidText).toBe(second.kid);
    const byKid = new Map((await ring.list()).map((k) => [k.kid, k]));
    expect(byKid.get(first)).toMatchObject({ state: 'retired', validTo: clock.t + RETIRE_GRACE_MS });
    expect(byKid.get(second.kid)).toMatchObject({ state: 'active' });
    expect(await ring.trustVersion()).toBe(2);
    const actions = (await store().audit.recent()).map((a) => a.action);
    expect(actions.filter((a) => a === 'signing-key.create')).toHaveLength(2);
  });

  it('withdrawing the active key makes a replacement, so codes keep being issued', async () => {
    const clock = new TestClock();
    const ring = new KeyRing(store(), new KeyFiles(tempDataDir()), { now: clock.now, recheckMs: 0 });
    await ring.ensureKeys(TEST_ACTOR);
    const first = (await ring.signer()).kidText;
    const { replacement } = await ring.withdraw(first, TEST_ACTOR);
    expect(replacement?.state).toBe('active');
    expect((await ring.signer()).kidText).toBe(replacement!.kid);
    expect((await ring.list()).find((k) => k.kid === first)?.state).toBe('withdrawn');
    expect(await ring.trustVersion()).toBe(3);
    await expect(ring.withdraw('nope', TEST_ACTOR)).rejects.toThrow('No signing key nope');
  });

  it('publishes a standby key first, activates it, retires keys, and withdraws one from a point in time', async () => {
    const clock = new TestClock();
    const ring = new KeyRing(store(), new KeyFiles(tempDataDir()), { now: clock.now, recheckMs: 0 });
    await ring.ensureKeys(TEST_ACTOR);
    const first = (await ring.signer()).kidText;
    const standby = await ring.createSigningKey(TEST_ACTOR, { standby: true });
    expect(standby.state).toBe('standby');
    expect((await ring.signer()).kidText).toBe(first);
    clock.advance(60_000);
    await ring.activate(standby.kid, TEST_ACTOR);
    expect((await ring.signer()).kidText).toBe(standby.kid);
    expect((await ring.list()).find((k) => k.kid === first)).toMatchObject({ state: 'retired' });
    await expect(ring.activate(first, TEST_ACTOR)).rejects.toThrow('Only a standby key');

    // Retiring the active key makes a fresh active one.
    const { replacement } = await ring.retire(standby.kid, TEST_ACTOR);
    expect(replacement?.state).toBe('active');
    clock.advance(3_600_000);
    const compromisedAt = clock.t - 1_800_000;
    await expect(ring.withdraw(replacement!.kid, TEST_ACTOR, clock.t + 1)).rejects.toThrow('already come');
    const w = await ring.withdraw(replacement!.kid, TEST_ACTOR, compromisedAt);
    expect(w.withdrawnFrom).toBe(compromisedAt);
    expect(w.replacement?.state).toBe('active');
    expect((await ring.list()).find((k) => k.kid === replacement!.kid)).toMatchObject({ state: 'withdrawn', withdrawnFrom: compromisedAt });
    // Again, later: the point does not move; earlier: it does; with no time: every code.
    expect((await ring.withdraw(replacement!.kid, TEST_ACTOR, compromisedAt + 1000)).withdrawnFrom).toBe(compromisedAt);
    expect((await ring.withdraw(replacement!.kid, TEST_ACTOR, compromisedAt - 1000)).withdrawnFrom).toBe(compromisedAt - 1000);
    expect((await ring.withdraw(replacement!.kid, TEST_ACTOR)).withdrawnFrom).toBeNull();
    expect((await ring.list()).find((k) => k.kid === replacement!.kid)).not.toHaveProperty('withdrawnFrom');
    const actions = (await store().audit.recent()).map((a) => a.action);
    expect(actions).toContain('signing-key.activate');
    expect(actions.filter((a) => a === 'signing-key.withdraw')).toHaveLength(3);
  });

  it('a running server notices a rotation made by another process (the CLI)', async () => {
    const dir = tempDataDir();
    const clock = new TestClock();
    const server = new KeyRing(store(), new KeyFiles(dir), { now: clock.now, recheckMs: 0 });
    await server.ensureKeys(TEST_ACTOR);
    const before = (await server.signer()).kidText;
    let heard = 0;
    server.onChange(() => heard++);
    const cli = new KeyRing(store(), new KeyFiles(dir), { now: clock.now });
    const created = await cli.createSigningKey(TEST_ACTOR);
    expect((await server.signer()).kidText).toBe(created.kid);
    expect(created.kid).not.toBe(before);
    expect(heard).toBe(1);
  });

  it('signs codes with the active key', async () => {
    const clock = new TestClock();
    const ring = new KeyRing(store(), new KeyFiles(tempDataDir()), { now: clock.now });
    await ring.ensureKeys(TEST_ACTOR);
    const text = await issueCode(testClaims(clock.t), await ring.signer());
    expect(text.startsWith('HG1:')).toBe(true);
  });
});
