import { expect, it } from 'vitest';
import { describeStores } from '../testing/stores.js';

describeStores('device keys', (store) => {
  it('keeps one row per account and key, most recently used first, and forgets on request', async () => {
    const s = store();
    await s.accounts.createUser({ id: 'u1', phone: '+8613800000002', role: 'holder', person_id: null, created_at: 1 });
    await s.accounts.createUser({ id: 'u2', phone: '+8613800000003', role: 'holder', person_id: null, created_at: 1 });
    await s.deviceKeys.upsert({ user_id: 'u1', key_id: 'kA', cnf: 'A', created_at: 10, last_used_at: 10 });
    await s.deviceKeys.upsert({ user_id: 'u1', key_id: 'kB', cnf: 'B', created_at: 20, last_used_at: 20 });
    await s.deviceKeys.upsert({ user_id: 'u2', key_id: 'kA', cnf: 'A', created_at: 30, last_used_at: 30 });
    // The same key again: one row, used now, created when it was first stored.
    await s.deviceKeys.upsert({ user_id: 'u1', key_id: 'kA', cnf: 'A', created_at: 40, last_used_at: 40 });
    expect(await s.deviceKeys.ofUser('u1')).toEqual([
      { user_id: 'u1', key_id: 'kA', cnf: 'A', created_at: 10, last_used_at: 40 },
      { user_id: 'u1', key_id: 'kB', cnf: 'B', created_at: 20, last_used_at: 20 },
    ]);
    await s.deviceKeys.touch('u1', 'kB', 50);
    expect((await s.deviceKeys.ofUser('u1')).map((k) => k.key_id)).toEqual(['kB', 'kA']);
    expect(await s.deviceKeys.get('u2', 'kB')).toBeUndefined();
    await s.deviceKeys.remove('u1', ['kA']);
    await s.deviceKeys.remove('u1', []);
    expect((await s.deviceKeys.ofUser('u1')).map((k) => k.key_id)).toEqual(['kB']);
    expect(await s.deviceKeys.get('u2', 'kA')).toMatchObject({ cnf: 'A', last_used_at: 30 });
  });
});
