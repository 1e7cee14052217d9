import { expect, it } from 'vitest';
import { describeStores } from '../testing/stores.js';

describeStores('venues store', (store) => {
  it('finds a venue by manager and by declaration code, changes it, and keeps both unique', async () => {
    const s = store();
    await s.venues.createVenue({ id: 'v1', name: 'One', created_at: 1, manager_user_id: 'm1', declaration_code: 'HGV1:AAAAAAAAAAAAAAAA', area_code: '440103001', address: 'A', venue_type: 'retail', contact_phone: '+8613800000004' });
    await s.venues.createVenue({ id: 'v2', name: 'Two', created_at: 1 });
    expect(await s.venues.venueOfManager('m1')).toMatchObject({ id: 'v1', address: 'A', venue_type: 'retail', edited_at: null, time_zone: 'Asia/Shanghai' });
    expect(await s.venues.venueByDeclarationCode('HGV1:AAAAAAAAAAAAAAAA')).toMatchObject({ id: 'v1' });
    expect(await s.venues.venueByDeclarationCode('HGV1:BBBBBBBBBBBBBBBB')).toBeUndefined();
    expect(await s.venues.getVenue('v2')).toMatchObject({ address: '', venue_type: 'other', manager_user_id: null, declaration_code: null });
    await expect(s.venues.createVenue({ id: 'v3', name: 'Three', created_at: 1, manager_user_id: 'm1' })).rejects.toThrow();
    await expect(s.venues.createVenue({ id: 'v4', name: 'Four', created_at: 1, declaration_code: 'HGV1:AAAAAAAAAAAAAAAA' })).rejects.toThrow();
    await s.venues.updateVenue('v1', { name: 'Uno', edited_at: 1_700_000_000_000, manager_user_id: 'm2' });
    expect(await s.venues.venueOfManager('m1')).toBeUndefined();
    expect(await s.venues.venueOfManager('m2')).toMatchObject({ id: 'v1', name: 'Uno', edited_at: 1_700_000_000_000 });
  });

  it('lists a venue’s bindings oldest first and unbinds one, keeping the span', async () => {
    const s = store();
    for (const id of ['a', 'b']) await s.accounts.createUser({ id, phone: `+86138000000${id === 'a' ? '01' : '02'}`, role: 'inspector', person_id: null, created_at: 1 });
    await s.venues.createVenue({ id: 'v1', name: 'One', created_at: 1 });
    await s.venues.bindInspector('b', 'v1', 5);
    await s.venues.bindInspector('a', 'v1', 9);
    expect((await s.venues.bindingsOfVenue('v1')).map((b) => [b.user_id, b.created_at])).toEqual([['b', 5], ['a', 9]]);
    expect(await s.venues.unbindInspector('b', 'v1', 20)).toBe(true);
    expect(await s.venues.unbindInspector('b', 'v1', 25)).toBe(false);
    expect((await s.venues.bindingsOfVenue('v1')).map((b) => b.user_id)).toEqual(['a']);
    // History, not delete: the span stays with its end.
    expect(await s.venues.bindingSpans('b', 'v1')).toMatchObject({ venue: { id: 'v1' }, spans: [{ boundAt: 5, unboundAt: 20 }] });
    expect(await s.venues.bindingSpans('a', 'v1')).toMatchObject({ spans: [{ boundAt: 9, unboundAt: null }] });
    expect(await s.venues.boundVenue('b', 'v1')).toBeUndefined();
  });

  it('keeps every span of binding: bound, unbound, bound again, and never bound', async () => {
    const s = store();
    for (const id of ['a', 'b']) await s.accounts.createUser({ id, phone: `+86138000000${id === 'a' ? '01' : '02'}`, role: 'inspector', person_id: null, created_at: 1 });
    await s.venues.createVenue({ id: 'v1', name: 'One', created_at: 1 });
    await s.venues.createVenue({ id: 'v2', name: 'Two', created_at: 1 });
    await s.venues.bindInspector('a', 'v1', 100);
    // Binding again while bound changes nothing.
    await s.venues.bindInspector('a', 'v1', 150);
    expect(await s.venues.unbindInspector('a', 'v1', 200)).toBe(true);
    await s.venues.bindInspector('a', 'v1', 300);
    await s.venues.bindInspector('a', 'v2', 310);
    expect((await s.venues.bindingSpans('a', 'v1'))?.spans).toEqual([
      { boundAt: 100, unboundAt: 200 },
      { boundAt: 300, unboundAt: null },
    ]);
    expect(await s.venues.unbindInspector('a', 'v1', 400)).toBe(true);
    expect((await s.venues.bindingSpans('a', 'v1'))?.spans).toEqual([
      { boundAt: 100, unboundAt: 200 },
      { boundAt: 300, unboundAt: 400 },
    ]);
    // Another venue's span is its own.
    expect((await s.venues.bindingSpans('a', 'v2'))?.spans).toEqual([{ boundAt: 310, unboundAt: null }]);
    expect(await s.venues.bindingSpans('b', 'v1')).toBeUndefined();
    await s.venues.bindInspector('b', 'v1', 500);
    await s.venues.unbindInspector('b', 'v1', 600);
    expect(await s.venues.inspectorsEverBound('v1')).toEqual(['a', 'b']);
    expect(await s.venues.inspectorsEverBound('v2')).toEqual(['a']);
  });
});
