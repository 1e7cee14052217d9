import { expect, it } from 'vitest';
import { authApi } from '../../shared/api/auth.js';
import { type DevSms, systemApi } from '../../shared/api/system.js';
import { testServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

const request = (phone: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });

describeStores('dev SMS outbox', (store) => {
  it('shows texted codes newest first, filtered by phone', async () => {
    const t = await testServer(store());
    await store().accounts.createUser({ id: 'u1', phone: '+8613800000001', role: 'inspector', person_id: null, created_at: 1 });
    await store().accounts.createUser({ id: 'u2', phone: '+8613800000002', role: 'holder', person_id: null, created_at: 1 });
    await t.app.request(authApi.otpRequest.path, request('+8613800000001'));
    t.clock.advance(61_000);
    await t.app.request(authApi.otpRequest.path, request('+8613800000002'));
    t.clock.advance(61_000);
    await t.app.request(authApi.otpRequest.path, request('+8613800000001'));

    const mine = (await (await t.app.request(`${systemApi.devSms.path}?phone=%2B8613800000001`)).json()) as { messages: DevSms[] };
    expect(mine.messages.map((m) => m.createdAt)).toEqual([t.clock.t, t.clock.t - 122_000]);
    expect(mine.messages[0]!.body).toMatch(/\d{6}/);
    const all = (await (await t.app.request(systemApi.devSms.path)).json()) as { messages: DevSms[] };
    expect(all.messages.map((m) => m.phone)).toEqual(['+8613800000001', '+8613800000002', '+8613800000001']);
    expect((await t.app.request(`${systemApi.devSms.path}?phone=abc`)).status).toBe(400);
  });

  it('does not exist in production', async () => {
    const t = await testServer(store(), { production: true });
    const res = await t.app.request(`${systemApi.devSms.path}?phone=%2B8613800000001`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
