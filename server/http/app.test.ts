import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createApp, type AppServices } from '../app.js';
import { tempDataDir, testServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

function builtSite(): string {
  const dir = join(tempDataDir(), 'web');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>healthgate</title>');
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("install", () => {});');
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log(1)');
  return dir;
}

describeStores('app', (store) => {
  it('answers health and a JSON 404 for unknown API paths', async () => {
    const { app } = await testServer(store());
    expect(await (await app.request('/api/health')).json()).toEqual({ ok: true });
    for (const [method, path] of [['GET', '/api/nope'], ['POST', '/api/health'], ['GET', '/api']] as const) {
      const res = await app.request(path, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });

  it('serves the built PWA with an SPA fallback and the right caching', async () => {
    const t = await testServer(store());
    const app = createApp(t.services, { production: false, staticDir: builtSite() });
    const page = await app.request('/gate/scan');
    expect([page.status, page.headers.get('cache-control'), await page.text()]).toEqual([200, 'no-cache', '<!doctype html><title>healthgate</title>']);
    const root = await app.request('/');
    expect([root.status, root.headers.get('cache-control')]).toEqual([200, 'no-cache']);
    const sw = await app.request('/sw.js');
    expect([sw.status, sw.headers.get('cache-control')]).toEqual([200, 'no-cache']);
    expect(sw.headers.get('content-type')).toContain('javascript');
    const asset = await app.request('/assets/index-AbC123.js');
    expect([asset.status, asset.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable']);
    // A missing script must be a 404, never index.html served as JavaScript.
    expect((await app.request('/assets/gone-XyZ.js')).status).toBe(404);
    expect((await app.request('/api/unknown')).status).toBe(404);
  });

  it('says so when the web app is not built', async () => {
    const { app } = await testServer(store());
    const res = await app.request('/');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('vite build');
  });

  it('turns an unexpected failure into a 500 internal error without details', async () => {
    const t = await testServer(store());
    const logged: string[] = [];
    const broken: AppServices = { ...t.services, trust: { envelope: async () => Promise.reject(new Error('disk on fire')) } as unknown as AppServices['trust'] };
    const app = createApp(broken, { production: true, staticDir: t.config.staticDir, log: (l) => logged.push(l) });
    const res = await app.request('/api/trust');
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: { code: 'internal', message: expect.any(String) } });
    expect(body).not.toContain('disk on fire');
    expect(logged.join('\n')).toContain('disk on fire');
  });

  it('refuses a malformed JSON body with bad_request', async () => {
    const { app } = await testServer(store());
    const res = await app.request('/api/auth/otp/request', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"phone":' });
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([400, 'bad_request']);
  });
});
