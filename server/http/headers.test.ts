// The browser's guards on every answer (Hono secureHeaders) and the session cookie's name and
// flags, in development and in production.

import { expect, it } from 'vitest';
import { authApi } from '../../shared/api/auth.js';
import { systemApi } from '../../shared/api/system.js';
import { lastCodeFor, testServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

const HOLDER = '+8613800000002';

describeStores('security headers', (store) => {
  it('set a strict CSP, no framing, nosniff, no Referer and the camera for this origin only, on pages, API answers and errors', async () => {
    const t = await testServer(store());
    for (const path of ['/', '/code', systemApi.health.path, authApi.me.path, '/api/nothing-here']) {
      const res = await t.app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('permissions-policy'), path).toContain('camera=(self)');
      // HTTP on a developer's machine: no HSTS there.
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('keep every /api answer out of caches, errors included', async () => {
    const t = await testServer(store());
    for (const path of [systemApi.health.path, authApi.me.path, '/api/nothing-here', '/api/trust']) {
      expect((await t.app.request(path)).headers.get('cache-control'), path).toBe('no-store');
    }
    const refused = await t.app.request(authApi.otpRequest.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('add HSTS in production, name the cookie __Host-, and clear cookies and cache at sign-out', async () => {
    const t = await testServer(store(), { production: true });
    await store().people.createPerson({ id: 'p1', sub: 'AAAAAAAAAAA', name: '张小明', document_no: null, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    await store().accounts.createUser({ id: 'u1', phone: HOLDER, role: 'holder', person_id: 'p1', created_at: 1 });
    const health = await t.app.request(systemApi.health.path);
    expect(health.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(health.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');

    const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await t.app.request(authApi.otpRequest.path, json({ phone: HOLDER }));
    const res = await t.app.request(authApi.otpVerify.path, json({ phone: HOLDER, code: await lastCodeFor(store(), HOLDER) }));
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^__Host-hg_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain('Secure');
    expect(setCookie).not.toMatch(/Domain=/i);
    const cookie = setCookie.split(';')[0]!;
    expect((await t.app.request(authApi.me.path, { headers: { cookie } })).status).toBe(200);
    // The development name means nothing in production.
    expect((await t.app.request(authApi.me.path, { headers: { cookie: cookie.replace('__Host-', '') } })).status).toBe(401);
    const out = await t.app.request(authApi.signOut.path, { method: 'POST', headers: { cookie } });
    expect(out.headers.get('clear-site-data')).toBe('"cache", "cookies"');
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-hg_session=;/);
    expect((await t.app.request(authApi.me.path, { headers: { cookie } })).status).toBe(401);
  });
});
