import { expect, it } from 'vitest';
import { API } from '../../shared/api.js';
import { seedPeople, signInAs, testServer } from '../services/testing.js';
import { describeStores } from '../store/testing.js';

describeStores('venues route', (store) => {
  it('lists the venues the inspector is bound to, and only to inspectors', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const inspector = await signInAs(t, s, '+8613800000001');
    const res = await t.app.request(API.venues, { headers: { cookie: inspector } });
    expect(await res.json()).toEqual({ venues: [{ id: 'venue-demo', name: '示范商场 Demo Mall' }] });
    const holder = await signInAs(t, s, '+8613800000002');
    expect((await t.app.request(API.venues, { headers: { cookie: holder } })).status).toBe(403);
    expect((await t.app.request(API.venues)).status).toBe(401);
  });
});
