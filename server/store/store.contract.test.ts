import { expect, it } from 'vitest';
import { describeStores } from './testing.js';

describeStores('store basics', (store) => {
  it('runs migrations and rolls back a failed transaction', async () => {
    await expect(
      store().transaction(async (tx) => {
        await tx.keys.setSetting('probe', '1');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store().keys.getSetting('probe')).toBeUndefined();
    await store().keys.setSetting('probe', '2');
    expect(await store().keys.getSetting('probe')).toBe('2');
  });
});
