import { expect, it } from 'vitest';
import { describeStores } from '../testing/stores.js';

describeStores('red list store', (store) => {
  it('logs a change only when the list really changes, with increasing versions', async () => {
    const s = store();
    expect(await s.redList.version()).toBe(0);
    expect(await s.redList.add('AAAAAAAAAAAAAAAA', 'p1', 10)).toBe(true);
    expect(await s.redList.add('AAAAAAAAAAAAAAAA', 'p1', 11)).toBe(false);
    expect(await s.redList.add('BBBBBBBBBBBBBBBB', 'p2', 12)).toBe(true);
    expect(await s.redList.remove('AAAAAAAAAAAAAAAA', 13)).toBe(true);
    expect(await s.redList.remove('AAAAAAAAAAAAAAAA', 14)).toBe(false);
    expect(await s.redList.entries()).toEqual(['BBBBBBBBBBBBBBBB']);
    expect(await s.redList.countEntries()).toBe(1);
    const v = await s.redList.version();
    const changes = await s.redList.changesBetween(0, v);
    expect(changes.map((c) => [c.entry.slice(0, 1), c.op, c.at])).toEqual([
      ['A', 'add', 10],
      ['B', 'add', 12],
      ['A', 'remove', 13],
    ]);
    expect(changes.map((c) => c.version)).toEqual([...changes.map((c) => c.version)].sort((a, b) => a - b));
    expect(changes.at(-1)!.version).toBe(v);
    expect(await s.redList.countChangesSince(changes[0]!.version)).toBe(2);
    expect(await s.redList.changesBetween(changes[0]!.version, changes[1]!.version)).toHaveLength(1);
  });

  it('rolls an add back with its transaction', async () => {
    const s = store();
    await expect(
      s.transaction(async (tx) => {
        await tx.redList.lockForWrite();
        await tx.redList.add('AAAAAAAAAAAAAAAA', 'p1', 10);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await s.redList.entries()).toEqual([]);
    expect(await s.redList.countEntries()).toBe(0);
    expect(await s.redList.version()).toBe(0);
  });

  it('keeps the later expiry when an entry is listed again, and expires entries whose time has come', async () => {
    const s = store();
    expect(await s.redList.add('AAAAAAAAAAAAAAAA', 'p1', 10, 100)).toBe(true);
    expect(await s.redList.add('AAAAAAAAAAAAAAAA', 'p1', 20, 90)).toBe(false);
    expect(await s.redList.expiryOf('AAAAAAAAAAAAAAAA')).toBe(100);
    await s.redList.add('AAAAAAAAAAAAAAAA', 'p1', 30, 150);
    expect(await s.redList.expiryOf('AAAAAAAAAAAAAAAA')).toBe(150);
    await s.redList.add('BBBBBBBBBBBBBBBB', 'p2', 30, 120);
    await s.redList.add('CCCCCCCCCCCCCCCC', 'p3', 30);
    expect(await s.redList.expiryOf('CCCCCCCCCCCCCCCC')).toBeNull();
    expect(await s.redList.expiryOf('DDDDDDDDDDDDDDDD')).toBeUndefined();
    const v = await s.redList.version();
    expect(await s.redList.expire(149)).toBe(1);
    expect(await s.redList.entries()).toEqual(['AAAAAAAAAAAAAAAA', 'CCCCCCCCCCCCCCCC']);
    expect((await s.redList.changesBetween(v, await s.redList.version())).map((c) => [c.entry.slice(0, 1), c.op, c.at])).toEqual([['B', 'remove', 149]]);
    expect(await s.redList.expire(10_000)).toBe(1);
    expect(await s.redList.entries()).toEqual(['CCCCCCCCCCCCCCCC']);
  });
});
