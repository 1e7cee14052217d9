import { expect, it } from 'vitest';
import { describeStores } from '../testing/stores.js';

describeStores('store basics', (store) => {
  it('runs migrations and rolls back a failed transaction', async () => {
    await expect(
      store().transaction(async (tx) => {
        await tx.settings.set('probe', '1');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store().settings.get('probe')).toBeUndefined();
    await store().settings.set('probe', '2');
    expect(await store().settings.get('probe')).toBe('2');
  });
});

describeStores('users and venues', (store) => {
  it('binds inspectors to venues, once', async () => {
    const s = store();
    await s.accounts.createUser({ id: 'u1', phone: '+8613800000001', role: 'inspector', person_id: null, created_at: 1 });
    await s.venues.createVenue({ id: 'v1', name: 'Demo Mall', created_at: 1 });
    await s.venues.createVenue({ id: 'v2', name: 'Other', created_at: 1 });
    await s.venues.bindInspector('u1', 'v1', 2);
    await s.venues.bindInspector('u1', 'v1', 3);
    expect(await s.venues.boundVenue('u1', 'v1')).toMatchObject({ id: 'v1', time_zone: 'Asia/Shanghai', fever_threshold: 37.3 });
    expect(await s.venues.boundVenue('u1', 'v2')).toBeUndefined();
    expect((await s.venues.venuesOfInspector('u1')).map((v) => v.id)).toEqual(['v1']);
    expect((await s.accounts.usersByPhone('+8613800000001')).map((u) => u.role)).toEqual(['inspector']);
  });

  it('stores people and changes their status', async () => {
    const s = store();
    await s.people.createPerson({ id: 'p1', sub: 'c3ViMQ', name: '张小明', document_no: null, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    await s.people.setStatus('p1', 'red', 'close-contact', 5);
    expect(await s.people.personBySub('c3ViMQ')).toMatchObject({ id: 'p1', status: 'red', reason: 'close-contact', status_changed_at: 5 });
  });
});
