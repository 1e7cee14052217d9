import { expect, it } from 'vitest';
import { venuesApi } from '../../shared/api/venues.js';
import { seedPeople, signInAs, testServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

describeStores('venues route', (store) => {
  it('lists the venues the inspector is bound to, and only to inspectors', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const inspector = await signInAs(t, s, '+8613800000001');
    const res = await t.app.request(venuesApi.mine.path, { headers: { cookie: inspector } });
    expect(await res.json()).toEqual({ venues: [{ id: 'venue-demo', name: '示范商场 Demo Mall', timeZone: 'Asia/Shanghai', feverThreshold: 37.3, tag: expect.stringMatching(/^[A-HJ-NP-Z2-9]{6}$/) as unknown }] });
    const holder = await signInAs(t, s, '+8613800000002');
    expect((await t.app.request(venuesApi.mine.path, { headers: { cookie: holder } })).status).toBe(403);
    expect((await t.app.request(venuesApi.mine.path)).status).toBe(401);
  });
});
