import { userActor } from '../auth/actor.js';
import { expect, it } from 'vitest';
import { fromBase64Url } from '../../shared/bytes.js';
import { applyRedList, redListEntry, type RedList } from '../../shared/redlist.js';
import { describeStores } from '../testing/stores.js';
import type { Store } from '../store/store.js';
import { RedListService } from './redlist.js';
import { StatusService } from '../people/status.js';
import { seedPeople, testKeyRing, TestClock, TEST_ACTOR } from '../testing/server.js';

async function setup(store: Store, maxDeltaChanges?: number) {
  await seedPeople(store);
  const clock = new TestClock();
  const keys = await testKeyRing(store, clock);
  const redList = new RedListService(store, keys, { now: clock.now, recheckMs: 0, ...(maxDeltaChanges ? { maxDeltaChanges } : {}) });
  return { clock, keys, redList, status: new StatusService(store, redList, clock.now) };
}

const held = (list: RedList | undefined): RedList => {
  if (!list) throw new Error('the device could not apply the message');
  return list;
};

describeStores('red list', (store) => {
  it('lists people who turn red and unlists them when they turn green, in snapshot and delta', async () => {
    const s = store();
    const { redList, status } = await setup(s);
    const empty = await redList.message();
    expect(empty).toMatchObject({ v: 1, version: 0, total: 0, snapshot: [] });
    let device = held(applyRedList(undefined, empty));

    await status.setStatus('p-green', 'red', 'positive-test', TEST_ACTOR);
    const greenEntry = redListEntry(empty.salt, fromBase64Url('Z3JlZW4tMDE'));
    const afterRed = await redList.message(device.version);
    expect(afterRed).toMatchObject({ total: 1, delta: { since: 0, added: [greenEntry], removed: [] } });
    device = held(applyRedList(device, afterRed));
    expect([...device.entries]).toEqual([greenEntry]);

    await status.setStatus('p-green', 'green', undefined, TEST_ACTOR);
    await status.setStatus('p-red', 'green', undefined, TEST_ACTOR);
    await status.setStatus('p-red', 'red', 'quarantine', TEST_ACTOR);
    const redEntry = redListEntry(empty.salt, fromBase64Url('cmVkLTAwMDE'));
    const delta = await redList.message(device.version);
    expect(delta).toMatchObject({ total: 1, delta: { since: afterRed.version, added: [redEntry], removed: [greenEntry] } });
    device = held(applyRedList(device, delta));
    const snapshot = await redList.message();
    expect(snapshot).toMatchObject({ version: delta.version, total: 1, snapshot: [redEntry] });
    expect([...device.entries]).toEqual(snapshot.snapshot);
    expect(await redList.message(device.version)).toMatchObject({ version: device.version, total: 1, delta: { added: [], removed: [] } });
  });

  it('sends a snapshot for a missing, future or too old version', async () => {
    const { redList, status } = await setup(store(), 2);
    await status.setStatus('p-green', 'red', 'positive-test', TEST_ACTOR);
    await status.setStatus('p-green', 'green', undefined, TEST_ACTOR);
    await status.setStatus('p-green', 'red', 'positive-test', TEST_ACTOR);
    const version = (await redList.message()).version;
    expect(await redList.message(version + 1)).toHaveProperty('snapshot');
    expect(await redList.message(-1)).toHaveProperty('snapshot');
    expect(await redList.message(0)).toHaveProperty('snapshot');
    expect(await redList.message(version - 2)).toHaveProperty('delta');
  });

  it('changes status, red list and audit log together, or not at all', async () => {
    const s = store();
    const { status } = await setup(s);
    const change = await status.setStatus('p-green', 'red', 'close-contact', userActor('u-admin', 'admin', null));
    expect(change).toEqual({ personId: 'p-green', from: 'green', to: 'red', reason: 'close-contact', redListChanged: true });
    expect(await s.people.getPerson('p-green')).toMatchObject({ status: 'red', reason: 'close-contact' });
    const [audit] = await s.audit.recent(1);
    expect(audit).toMatchObject({ actor: 'user:u-admin', action: 'person.set-status', target: 'person:p-green' });
    expect(JSON.parse(audit!.detail)).toMatchObject({ from: 'green', to: 'red' });

    const before = { entries: await s.redList.entries(), audit: (await s.audit.recent()).length };
    await expect(status.setStatus('p-green', 'red', undefined, TEST_ACTOR)).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(status.setStatus('p-green', 'blue', 'none', TEST_ACTOR)).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(status.setStatus('nobody', 'red', 'quarantine', TEST_ACTOR)).rejects.toMatchObject({ code: 'not_found' });
    expect({ entries: await s.redList.entries(), audit: (await s.audit.recent()).length }).toEqual(before);
  });

  it('keeps its salt across restarts', async () => {
    const s = store();
    const { redList, keys } = await setup(s);
    const salt = await redList.salt();
    const again = new RedListService(s, keys);
    expect(await again.salt()).toBe(salt);
    expect(salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
