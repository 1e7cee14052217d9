import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { systemApi } from '../../shared/api/system.js';
import { cookieValue, isLoopback } from './security.js';
import { testServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';
import { networkInterfaces } from 'node:os';

it('tells loopback addresses from others', () => {
  for (const a of ['127.0.0.1', '127.8.0.1', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a)).toBe(true);
  for (const a of ['10.0.0.1', '192.168.1.5', '::ffff:10.0.0.1', 'fe80::1', '', undefined]) expect(isLoopback(a)).toBe(false);
});

describeStores('development routes', (store) => {
  it('answer a peer on loopback, and 404 a peer elsewhere or one behind a proxy', async () => {
    const t = await testServer(store());
    const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });
    expect((await t.app.request(systemApi.devSms.path, {}, from('127.0.0.1'))).status).toBe(200);
    expect((await t.app.request(systemApi.devSms.path, {}, from('::1'))).status).toBe(200);
    const lan = await t.app.request(systemApi.devSms.path, {}, from('192.168.1.20'));
    expect([lan.status, await lan.json()]).toEqual([404, { error: { code: 'not_found', message: expect.any(String) } }]);
    expect((await t.app.request(systemApi.devSms.path, { headers: { 'x-forwarded-for': '192.168.1.20' } }, from('127.0.0.1'))).status).toBe(404);
    expect((await t.app.request(systemApi.devSms.path, { headers: { forwarded: 'for=192.168.1.20' } }, from('127.0.0.1'))).status).toBe(404);
  });

  it('refuse a real connection from a LAN address of this machine', async () => {
    const lanAddress = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (!lanAddress) return expect(lanAddress).toBeUndefined(); // a box without a network: the unit check above covers it
    const t = await testServer(store());
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '0.0.0.0' });
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    try {
      expect((await fetch(`http://127.0.0.1:${port}${systemApi.devSms.path}`)).status).toBe(200);
      expect((await fetch(`http://${lanAddress}:${port}${systemApi.devSms.path}`)).status).toBe(404);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

it('counts proxy hops from the right of X-Forwarded-For, never taking what the client wrote itself', async () => {
  const { Hono } = await import('hono');
  const { clientIp } = await import('./security.js');
  const app = new Hono();
  let hops: boolean | number = 0;
  app.get('/ip', (c) => c.text(clientIp(c as never, hops)));
  const ask = async (xff: string | undefined) =>
    (await app.request('/ip', { headers: xff ? { 'x-forwarded-for': xff } : {} }, { incoming: { socket: { remoteAddress: '10.0.0.9' } } })).text();
  expect(await ask('1.1.1.1')).toBe('10.0.0.9');
  hops = true;
  expect(await ask('6.6.6.6, 203.0.113.5')).toBe('203.0.113.5');
  hops = 2;
  // The client forged 6.6.6.6; the CDN appended 203.0.113.5; the local proxy appended the CDN's 198.51.100.2.
  expect(await ask('6.6.6.6, 203.0.113.5, 198.51.100.2')).toBe('203.0.113.5');
  expect(await ask('198.51.100.2')).toBe('10.0.0.9');
  expect(await ask(undefined)).toBe('10.0.0.9');
});

describe('cookieValue', () => {
  it('finds one cookie among others, exactly by name, unquoted', () => {
    expect(cookieValue('a=1; __Host-hg_session=tok-en_1; b=2', '__Host-hg_session')).toBe('tok-en_1');
    expect(cookieValue('x__Host-hg_session=evil; hg_session=good', 'hg_session')).toBe('good');
    expect(cookieValue('hg_session="quoted"', 'hg_session')).toBe('quoted');
    expect(cookieValue('hg_session_other=1', 'hg_session')).toBeUndefined();
    expect(cookieValue('', 'hg_session')).toBeUndefined();
    expect(cookieValue(undefined, 'hg_session')).toBeUndefined();
    expect(cookieValue('hg_session', 'hg_session')).toBeUndefined();
  });
});
