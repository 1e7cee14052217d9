import { expect, it } from 'vitest';
import { describeStores } from '../testing/stores.js';

describeStores('check-ins store', (store) => {
  it('inserts a check-in once per id and lists a venue day oldest first', async () => {
    const s = store();
    const row = (id: string, at: number, venue = 'v1', day = '2026-11-21') => ({ id, user_id: 'u1', sub: 'sub-1', venue_id: venue, inspector_tag: 'ABC234', day, captured_at: at, received_at: at + 5, code_kid: 'kid' });
    expect(await s.checkins.insert(row('b', 20))).toBe(true);
    expect(await s.checkins.insert(row('a', 10))).toBe(true);
    expect(await s.checkins.insert({ ...row('a', 99), user_id: 'u2' })).toBe(false);
    await s.checkins.insert(row('c', 5, 'v2'));
    await s.checkins.insert(row('d', 5, 'v1', '2026-11-22'));
    expect((await s.checkins.ofVenueDay('v1', '2026-11-21')).map((r) => [r.id, r.captured_at, r.user_id])).toEqual([['a', 10, 'u1'], ['b', 20, 'u1']]);
    expect(await s.checkins.get('a')).toMatchObject({ received_at: 15, code_kid: 'kid' });
    expect(await s.checkins.get('zz')).toBeUndefined();
  });
});
