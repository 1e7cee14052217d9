import { expect, it } from 'vitest';
import { authApi } from '../../shared/api/auth.js';
import { createApp } from '../app.js';
import { lastCodeFor, testServer, type TestServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';
import type { Store } from '../store/store.js';

const HOLDER = '+8613800000002';
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

async function withHolder(store: Store, options: { production?: boolean } = {}): Promise<TestServer> {
  const t = await testServer(store, options);
  await store.people.createPerson({ id: 'p1', sub: 'AAAAAAAAAAA', name: '张小明', document_no: null, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
  await store.accounts.createUser({ id: 'u-holder', phone: HOLDER, role: 'holder', person_id: 'p1', created_at: 1 });
  return t;
}

async function signIn(t: TestServer, store: Store, remember = false): Promise<Response> {
  expect((await t.app.request(authApi.otpRequest.path, json({ phone: '138 0000 0002' }))).status).toBe(200);
  return t.app.request(authApi.otpVerify.path, json({ phone: HOLDER, code: await lastCodeFor(store, HOLDER), remember }));
}

const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;

describeStores('auth routes', (store) => {
  it('signs in with the texted code, sets a safe cookie, and knows the user until sign-out', async () => {
    const t = await withHolder(store());
    const res = await signIn(t, store(), true);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: { id: 'u-holder', role: 'holder', maskedName: '张*明' } });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^hg_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain(`Max-Age=${30 * 24 * 3600}`);
    expect(setCookie).not.toContain('Secure');
    expect(t.logs.join('\n')).toContain('SMS to +86138****0002: ');

    const cookie = cookieOf(res);
    expect(await (await t.app.request(authApi.me.path, { headers: { cookie } })).json()).toMatchObject({ user: { id: 'u-holder' } });
    const out = await t.app.request(authApi.signOut.path, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/hg_session=;.*Max-Age=0/);
    const after = await t.app.request(authApi.me.path, { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('sets Secure cookies in production, and a session cookie when not remembered', async () => {
    const t = await withHolder(store(), { production: true });
    const res = await signIn(t, store(), false);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toContain('Secure');
    expect(setCookie).not.toContain('Max-Age');
  });

  it('answers wrong and expired codes with their error codes', async () => {
    const t = await withHolder(store());
    await t.app.request(authApi.otpRequest.path, json({ phone: HOLDER }));
    const code = await lastCodeFor(store(), HOLDER);
    const bad = String((Number(code) + 1) % 1e6).padStart(6, '0');
    const wrong = await t.app.request(authApi.otpVerify.path, json({ phone: HOLDER, code: bad }));
    expect([wrong.status, await wrong.json()]).toEqual([400, { error: { code: 'otp_invalid', message: expect.any(String) } }]);
    t.clock.advance(5 * 60_000);
    const late = await t.app.request(authApi.otpVerify.path, json({ phone: HOLDER, code }));
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('otp_expired');
  });

  it('refuses a resend with 429, Retry-After and retryAfterSec', async () => {
    const t = await withHolder(store());
    await t.app.request(authApi.otpRequest.path, json({ phone: HOLDER }));
    t.clock.advance(20_000);
    const res = await t.app.request(authApi.otpRequest.path, json({ phone: HOLDER }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('40');
    expect(await res.json()).toEqual({ error: { code: 'otp_resend_too_soon', message: expect.any(String), retryAfterSec: 40 } });
  });

  it('gives a known and an unknown number byte-identical answers', async () => {
    const t = await withHolder(store());
    const known = await t.app.request(authApi.otpRequest.path, json({ phone: HOLDER }));
    const unknown = await t.app.request(authApi.otpRequest.path, json({ phone: '+8613912345678' }));
    expect([unknown.status, await unknown.text()]).toEqual([known.status, await known.text()]);
    expect((await store().devSms.recent(undefined, 10)).map((m) => m.phone)).toEqual([HOLDER]);
  });

  it('refuses unknown fields with 400 unknown_field and changes nothing', async () => {
    const t = await withHolder(store());
    const res = await t.app.request(authApi.otpRequest.path, json({ phone: HOLDER, role: 'admin' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'unknown_field' } });
    expect(await store().auth.latestChallenge(HOLDER)).toBeUndefined();
    expect(await store().devSms.recent(undefined, 10)).toEqual([]);
  });

  it('limits requests per client address, from the socket or (behind a proxy) X-Forwarded-For', async () => {
    const t = await withHolder(store());
    const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });
    const phone = (i: number) => `+86139000001${String(i).padStart(2, '0')}`;
    for (let i = 0; i < 30; i++) expect((await t.app.request(authApi.otpRequest.path, json({ phone: phone(i) }), from('10.0.0.1'))).status).toBe(200);
    const refused = await t.app.request(authApi.otpRequest.path, json({ phone: phone(30) }), from('10.0.0.1'));
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([429, 'rate_limited']);
    expect((await t.app.request(authApi.otpRequest.path, json({ phone: phone(30) }), from('10.0.0.2'))).status).toBe(200);

    // Without trusting a proxy, a forged X-Forwarded-For changes nothing.
    const forged = await t.app.request(authApi.otpRequest.path, json({ phone: phone(31) }, { 'x-forwarded-for': '192.0.2.7' }), from('10.0.0.1'));
    expect(forged.status).toBe(429);
    const proxied = createApp(t.services, { production: false, staticDir: t.config.staticDir, trustProxy: true });
    const viaProxy = await proxied.request(authApi.otpRequest.path, json({ phone: phone(31) }, { 'x-forwarded-for': '192.0.2.7' }), from('10.0.0.1'));
    expect(viaProxy.status).toBe(200);
  });

  it('refuses cross-site state changes and changes nothing', async () => {
    const t = await withHolder(store());
    const bySite = await t.app.request(authApi.otpRequest.path, json({ phone: HOLDER }, { 'sec-fetch-site': 'cross-site' }));
    const byOrigin = await t.app.request(authApi.otpRequest.path, json({ phone: HOLDER }, { origin: 'https://evil.example', host: 'healthgate.example' }));
    const nullOrigin = await t.app.request(authApi.otpRequest.path, json({ phone: HOLDER }, { origin: 'null' }));
    for (const res of [bySite, byOrigin, nullOrigin]) {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'cross_site_request' } });
    }
    expect(await store().auth.latestChallenge(HOLDER)).toBeUndefined();
    const same = await t.app.request(authApi.otpRequest.path, json({ phone: HOLDER }, { origin: 'https://healthgate.example', host: 'healthgate.example', 'sec-fetch-site': 'same-origin' }));
    expect(same.status).toBe(200);
  });
});
