import { expect, it } from 'vitest';
import { accountApi, type DeviceSession } from '../../shared/api/account.js';
import { pathOf } from '../../shared/api/contract.js';
import { authApi } from '../../shared/api/auth.js';
import { buildApp } from '../app.js';
import { SESSION_RULES, SessionService } from '../auth/sessions.js';
import { DeviceSessionService } from './sessions.js';
import type { Store } from '../store/store.js';
import { lastCodeFor, seedPeople, testServer, type TestServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

const HOLDER = '+8613800000002';
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const LAPTOP_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0';

async function signIn(t: TestServer, store: Store, phone: string, userAgent: string, remember: boolean): Promise<{ cookie: string; setCookie: string }> {
  const post = (path: string, body: unknown) =>
    t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': userAgent }, body: JSON.stringify(body) });
  expect((await post(authApi.otpRequest.path, { phone })).status).toBe(200);
  const res = await post(authApi.otpVerify.path, { phone, code: await lastCodeFor(store, phone), remember });
  expect(res.status).toBe(200);
  t.clock.advance(61_000);
  const setCookie = res.headers.get('set-cookie')!;
  return { cookie: setCookie.split(';')[0]!, setCookie };
}

const req = (t: TestServer, method: string, path: string, cookie: string, body?: unknown) =>
  t.app.request(path, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

async function listed(t: TestServer, cookie: string): Promise<DeviceSession[]> {
  const res = await req(t, 'GET', accountApi.sessions.path, cookie);
  expect(res.status).toBe(200);
  return ((await res.json()) as { sessions: DeviceSession[] }).sessions;
}

describeStores('account sessions routes', (store) => {
  async function setup() {
    const t = await testServer(store());
    await seedPeople(store());
    const phone = await signIn(t, store(), HOLDER, PHONE_UA, true);
    const laptop = await signIn(t, store(), HOLDER, LAPTOP_UA, false);
    return { t, phone, laptop };
  }

  it('lists every signed-in device of the account, this one first, labelled from its user agent', async () => {
    const { t, phone, laptop } = await setup();
    const sessions = await listed(t, laptop.cookie);
    expect(sessions).toEqual([
      expect.objectContaining({ browser: 'Firefox', os: 'macOS', mobile: false, remembered: false, current: true }),
      expect.objectContaining({ browser: 'Chrome', os: 'Android', mobile: true, remembered: true, current: false }),
    ]);
    const [, phoneSession] = sessions;
    expect(phoneSession!.expiresAt - phoneSession!.firstSeenAt).toBe(SESSION_RULES.holderRememberMs);
    expect(sessions[0]!.expiresAt - sessions[0]!.firstSeenAt).toBe(SESSION_RULES.defaultMs);
    // The other account's devices are not listed.
    const other = await signIn(t, store(), '+8613800000003', PHONE_UA, false);
    expect((await listed(t, other.cookie)).map((s) => s.current)).toEqual([true]);
    expect((await listed(t, phone.cookie)).map((s) => s.id).sort()).toEqual(sessions.map((s) => s.id).sort());
    // Nothing that could be replayed as a cookie is in the answer.
    const text = JSON.stringify(sessions);
    expect(text).not.toContain(phone.cookie.split('=')[1]);
    expect(text).not.toContain(laptop.cookie.split('=')[1]);
  });

  it('ends another device, which fails on its very next request on another server process too', async () => {
    const { t, phone, laptop } = await setup();
    // A second process over the same database: its own session services, nothing shared in memory.
    const hono = buildApp(
      { ...t.services, sessions: new SessionService(store(), t.clock.now), deviceSessions: new DeviceSessionService(store(), t.clock.now) },
      { production: false, staticDir: t.config.staticDir },
    ).hono;
    const other = { ...t, app: hono };
    expect((await req(other, 'GET', authApi.me.path, phone.cookie)).status).toBe(200);
    const phoneId = (await listed(t, laptop.cookie)).find((s) => !s.current)!.id;
    const res = await req(t, 'DELETE', pathOf(accountApi.endSession.path, { id: phoneId }), laptop.cookie);
    expect([res.status, await res.json()]).toEqual([200, { ok: true }]);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await req(other, 'GET', authApi.me.path, phone.cookie)).status).toBe(401);
    expect((await req(t, 'GET', authApi.me.path, phone.cookie)).status).toBe(401);
    expect((await req(other, 'GET', authApi.me.path, laptop.cookie)).status).toBe(200);
    // Ended once is gone: a second try is a 404, as is another account's session.
    expect((await req(t, 'DELETE', pathOf(accountApi.endSession.path, { id: phoneId }), laptop.cookie)).status).toBe(404);
  });

  it('ends all other devices and keeps this one', async () => {
    const { t, phone, laptop } = await setup();
    const third = await signIn(t, store(), HOLDER, PHONE_UA, false);
    const res = await req(t, 'DELETE', accountApi.endOtherSessions.path, third.cookie);
    expect([res.status, await res.json()]).toEqual([200, { ended: 2 }]);
    for (const gone of [phone, laptop]) expect((await req(t, 'GET', authApi.me.path, gone.cookie)).status).toBe(401);
    expect((await listed(t, third.cookie)).map((s) => s.current)).toEqual([true]);
  });

  it('ending this device clears its cookie', async () => {
    const { t, laptop } = await setup();
    const [me] = await listed(t, laptop.cookie);
    const res = await req(t, 'DELETE', pathOf(accountApi.endSession.path, { id: me!.id }), laptop.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/hg_session=;.*Max-Age=0/);
    expect((await req(t, 'GET', authApi.me.path, laptop.cookie)).status).toBe(401);
  });

  it('stops remembering this device: a browser-session cookie, and the session ends within 12 hours', async () => {
    const { t, phone } = await setup();
    t.clock.advance(3 * 24 * 3_600_000);
    const [me] = await listed(t, phone.cookie);
    expect(me).toMatchObject({ current: true, remembered: true });
    const res = await req(t, 'PATCH', pathOf(accountApi.forgetSession.path, { id: me!.id }), phone.cookie, { remember: false });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie.split(';')[0]).toBe(phone.cookie);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).not.toContain('Max-Age');
    const [after] = await listed(t, phone.cookie);
    expect(after).toMatchObject({ remembered: false, expiresAt: t.clock.t + SESSION_RULES.defaultMs });
    t.clock.advance(SESSION_RULES.defaultMs);
    expect((await req(t, 'GET', authApi.me.path, phone.cookie)).status).toBe(401);
  });

  it('stops remembering another device without touching this device’s cookie', async () => {
    const { t, phone, laptop } = await setup();
    const other = (await listed(t, laptop.cookie)).find((s) => !s.current)!;
    const res = await req(t, 'PATCH', pathOf(accountApi.forgetSession.path, { id: other.id }), laptop.cookie, { remember: false });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await listed(t, phone.cookie))[0]).toMatchObject({ id: other.id, remembered: false });
  });

  it('updates last seen at most every few minutes', async () => {
    const { t, laptop } = await setup();
    const [first] = await listed(t, laptop.cookie);
    t.clock.advance(60_000);
    expect((await listed(t, laptop.cookie))[0]!.lastSeenAt).toBe(first!.lastSeenAt);
    t.clock.advance(SESSION_RULES.touchEveryMs);
    await listed(t, laptop.cookie); // this request is seen…
    expect((await listed(t, laptop.cookie))[0]!.lastSeenAt).toBe(t.clock.t); // …and shows in the next
  });

  it('refuses callers without a session, and another account’s or a malformed session id', async () => {
    const { t, phone, laptop } = await setup();
    const phoneId = (await listed(t, phone.cookie))[0]!.id;
    for (const [method, path, body] of [
      ['GET', accountApi.sessions.path],
      ['DELETE', accountApi.endOtherSessions.path],
      ['DELETE', pathOf(accountApi.endSession.path, { id: phoneId })],
      ['PATCH', pathOf(accountApi.forgetSession.path, { id: phoneId }), { remember: false }],
    ] as const) {
      const res = await req(t, method, path, '', body);
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
    const stranger = await signIn(t, store(), '+8613800000003', PHONE_UA, false);
    expect((await req(t, 'DELETE', pathOf(accountApi.endSession.path, { id: phoneId }), stranger.cookie)).status).toBe(404);
    expect((await req(t, 'PATCH', pathOf(accountApi.forgetSession.path, { id: phoneId }), stranger.cookie, { remember: false })).status).toBe(404);
    expect((await req(t, 'DELETE', pathOf(accountApi.endSession.path, { id: 'not a session id' }), laptop.cookie)).status).toBe(404);
    expect((await req(t, 'GET', authApi.me.path, phone.cookie)).status).toBe(200);
  });

  it('refuses a bad body for forgetting a session', async () => {
    const { t, phone } = await setup();
    const id = (await listed(t, phone.cookie))[0]!.id;
    const path = pathOf(accountApi.forgetSession.path, { id });
    const remember = await req(t, 'PATCH', path, phone.cookie, { remember: true });
    expect([remember.status, ((await remember.json()) as { error: { code: string } }).error.code]).toEqual([400, 'validation_failed']);
    const unknown = await req(t, 'PATCH', path, phone.cookie, { remember: false, all: true });
    expect([unknown.status, ((await unknown.json()) as { error: { code: string } }).error.code]).toEqual([400, 'unknown_field']);
    expect((await listed(t, phone.cookie))[0]!.remembered).toBe(true);
  });

  it('lets staff see and end their devices too', async () => {
    const { t } = await setup();
    const a = await signIn(t, store(), '+8613800000001', PHONE_UA, true);
    const b = await signIn(t, store(), '+8613800000001', LAPTOP_UA, false);
    const sessions = await listed(t, b.cookie);
    expect(sessions.map((s) => s.remembered)).toEqual([false, false]); // staff are never remembered
    expect((await req(t, 'DELETE', accountApi.endOtherSessions.path, b.cookie)).status).toBe(200);
    expect((await req(t, 'GET', authApi.me.path, a.cookie)).status).toBe(401);
  });
});

