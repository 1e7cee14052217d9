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

  it('finds people by document, in batches, by when their status is due again; gives one a new subject', async () => {
    const s = store();
    const person = (id: string, doc: string | null) => s.people.createPerson({ id, sub: `sub-${id}`, name: 'x', document_no: doc, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    await person('p1', 'E10000001');
    await person('p2', 'E10000002');
    await person('p3', null);
    expect((await s.people.personByDocumentNumber('E10000002'))?.id).toBe('p2');
    expect(await s.people.personByDocumentNumber('E99999999')).toBeUndefined();
    expect((await s.people.getPeople(['p3', 'p1', 'nobody'])).map((p) => p.id).sort()).toEqual(['p1', 'p3']);
    await s.people.setStatus('p1', 'red', 'home-quarantine', 5, 100);
    await s.people.setStatusUntil('p2', 50);
    expect(await s.people.dueForStatus(60, 10)).toEqual([{ id: 'p2', document_no: 'E10000002' }]);
    expect((await s.people.dueForStatus(100, 10)).map((p) => p.id)).toEqual(['p2', 'p1']);
    await s.people.setStatus('p1', 'green', 'none', 6, null);
    expect(await s.people.dueForStatus(1000, 10)).toEqual([{ id: 'p2', document_no: 'E10000002' }]);
    await s.people.setSub('p2', 'new-sub');
    expect((await s.people.personBySub('new-sub'))?.id).toBe('p2');
    expect(await s.people.personBySub('sub-p2')).toBeUndefined();
  });
});
