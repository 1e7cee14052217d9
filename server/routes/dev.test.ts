import { expect, it } from 'vitest';
import { API, type DevOutboxMessage } from '../../shared/api.js';
import { testServer } from '../services/testing.js';
import { describeStores } from '../store/testing.js';

const request = (phone: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });

describeStores('dev outbox', (store) => {
  it('shows texted codes newest first, filtered by phone', async () => {
    const t = await testServer(store());
    await store().users.createUser({ id: 'u1', phone: '+8613800000001', role: 'inspector', person_id: null, created_at: 1 });
    await store().users.createUser({ id: 'u2', phone: '+8613800000002', role: 'holder', person_id: null, created_at: 1 });
    await t.app.request(API.otpRequest, request('+8613800000001'));
    t.clock.advance(61_000);
    await t.app.request(API.otpRequest, request('+8613800000002'));
    t.clock.advance(61_000);
    await t.app.request(API.otpRequest, request('+8613800000001'));

    const mine = (await (await t.app.request(`${API.devOutbox}?phone=%2B8613800000001`)).json()) as { messages: DevOutboxMessage[] };
    expect(mine.messages.map((m) => m.createdAt)).toEqual([t.clock.t, t.clock.t - 122_000]);
    expect(mine.messages[0]!.body).toMatch(/\d{6}/);
    const all = (await (await t.app.request(API.devOutbox)).json()) as { messages: DevOutboxMessage[] };
    expect(all.messages.map((m) => m.phone)).toEqual(['+8613800000001', '+8613800000002', '+8613800000001']);
    expect((await t.app.request(`${API.devOutbox}?phone=abc`)).status).toBe(400);
  });

  it('does not exist in production', async () => {
    const t = await testServer(store(), { production: true });
    const res = await t.app.request(`${API.devOutbox}?phone=%2B8613800000001`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
