// The code cache at rush hour: the same code again without a signature or a person read, a new
// one at once after a change made in this process, within a second after one made elsewhere,
// after half the code's life, after a key change, per device key, and a bounded number of entries.

import { expect, it } from 'vitest';
import { seedPeople, TEST_ACTOR, TestClock, testKeyRing } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';
import { peopleWrites } from '../store/people.js';
import type { Store } from '../store/store.js';
import { CodeCache } from './code-cache.js';
import { CodeService } from './codes.js';
import { toHex } from '../../shared/bytes.js';
import { DeviceKeyUnknownError } from '../../shared/errors.js';


async function setUp(store: Store, maxEntries?: number) {
  await seedPeople(store);
  const clock = new TestClock();
  // The ring rechecks its keys every second, as in production.
  const keys = await testKeyRing(store, clock);
  const codes = new CodeService(store, keys, { issuer: 'CN-44', ttlHours: 24, now: clock.now });
  const cache = new CodeCache(store, keys, { now: clock.now, ...(maxEntries ? { maxEntries } : {}) });
  let signed = 0;
  // What the account's device-key row says now for each binding (a test changes it as a phone would).
  const registered = new Map<string, Uint8Array | 'forgotten'>();
  const get = (personId = 'p-green', cnf?: Uint8Array) => {
    const binding = cnf ? toHex(cnf) : '';
    return cache.get(
      personId,
      binding,
      async () => {
        const now = registered.get(binding) ?? cnf;
        if (now === 'forgotten') throw new DeviceKeyUnknownError();
        return now;
      },
      (bound) => {
        signed++;
        return codes.codeFor(personId, bound ? { cnf: bound } : {});
      },
    );
  };
  return { clock, keys, cache, get, registered, signed: () => signed };
}

describeStores('code cache', (store) => {
  it('serves the same code again with no signature and no person read within a second', async () => {
    const { clock, cache, get, signed } = await setUp(store());
    const first = await get();
    clock.advance(500);
    expect((await get()).text).toBe(first.text);
    expect({ signed: signed(), reads: cache.reads, hits: cache.hits }).toEqual({ signed: 1, reads: 1, hits: 1 });
    clock.advance(600);
    expect((await get()).text).toBe(first.text);
    expect({ signed: signed(), reads: cache.reads }).toEqual({ signed: 1, reads: 2 });
  });

  it('gives a new code at once after a status change made in this process', async () => {
    const { get } = await setUp(store());
    expect((await get()).status).toBe('green');
    await store().people.setStatus('p-green', 'red', 'close-contact', 2);
    expect(await get()).toMatchObject({ status: 'red', reason: 'close-contact' });
  });

  it('gives a new code within a second of a change made by another process', async () => {
    const s = store();
    const { clock, get } = await setUp(s);
    const first = await get();
    // Another process's write: this process's count of people writes does not move.
    const seen = peopleWrites.generation;
    await s.people.setStatus('p-green', 'red', 'positive-test', 3);
    peopleWrites.generation = seen;
    clock.advance(999);
    expect((await get()).text).toBe(first.text);
    clock.advance(1);
    expect(await get()).toMatchObject({ status: 'red', reason: 'positive-test' });
  });

  it('signs again once half the code’s life has passed, and after a key change', async () => {
    const { clock, keys, get, signed } = await setUp(store());
    const first = await get();
    clock.advance((first.expiresAt - first.issuedAt) / 2 - 1);
    expect((await get()).text).toBe(first.text);
    clock.advance(1);
    const second = await get();
    expect(second.text).not.toBe(first.text);
    const next = await keys.createSigningKey(TEST_ACTOR, { standby: true });
    await keys.activate(next.kid, TEST_ACTOR);
    clock.advance(1000);
    expect((await get()).text).not.toBe(second.text);
    expect(signed()).toBe(3);
  });

  it('keeps one entry per person and device key, and drops the oldest beyond its size', async () => {
    const { cache, get, signed } = await setUp(store(), 2);
    const phoneA = new Uint8Array(33).fill(2);
    const phoneB = new Uint8Array(33).fill(3);
    const a = await get('p-green', phoneA);
    const b = await get('p-green', phoneB);
    expect(a.text).not.toBe(b.text);
    expect((await get('p-green', phoneA)).text).toBe(a.text);
    await get('p-red');
    expect(cache.size).toBe(2);
    // The oldest entry went: phoneA's.
    expect((await get('p-green', phoneB)).text).toBe(b.text);
    expect((await get('p-green', phoneA)).text).not.toBe(a.text);
    expect(signed()).toBe(4);
  });

  it('checks the device key with the person: a key forgotten or changed is seen within a second', async () => {
    const { clock, get, registered, signed } = await setUp(store());
    const phone = new Uint8Array(33).fill(2);
    const first = await get('p-green', phone);
    registered.set(toHex(phone), new Uint8Array(33).fill(3));
    clock.advance(1000);
    const rebound = await get('p-green', phone);
    expect(rebound.text).not.toBe(first.text);
    expect(signed()).toBe(2);
    registered.set(toHex(phone), 'forgotten');
    clock.advance(1000);
    await expect(get('p-green', phone)).rejects.toBeInstanceOf(DeviceKeyUnknownError);
  });
});
