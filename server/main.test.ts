import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { MyCode } from '../shared/api/people.js';
import { loadConfig } from './config.js';
import { startServer } from './main.js';
import { tempDataDir } from './testing/server.js';

it('starts on a fresh data dir, seeds when asked, serves real HTTP, and stops cleanly', async () => {
  const dataDir = tempDataDir();
  const config = loadConfig({ HG_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', HG_STATIC_DIR: join(dataDir, 'web') });
  const logs: string[] = [];
  const server = await startServer(config, { log: (l) => logs.push(l) }, { seedIfEmpty: true });
  try {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(logs.join('\n')).toContain('Seeded demo data');
    expect(logs.join('\n')).toContain('+8613800000005');
    expect(logs.join('\n')).toContain(`open ${server.url}`);
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ ok: true });

    // The whole holder path over the wire: SMS code from the dev outbox, cookie, code.
    const post = (path: string, body: unknown, cookie = '') =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, cookie }, body: JSON.stringify(body) });
    expect((await post('/api/auth/otp/request', { phone: '13800000002' })).status).toBe(200);
    const outbox = (await (await fetch(`${server.url}/api/dev/sms?phone=%2B8613800000002`)).json()) as { messages: { body: string }[] };
    const code = outbox.messages[0]!.body.match(/\b(\d{6})\b/)![1];
    const signedIn = await post('/api/auth/otp/verify', { phone: '13800000002', code });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const mine = (await (await fetch(`${server.url}/api/me/code`, { headers: { cookie } })).json()) as MyCode;
    expect(mine).toMatchObject({ status: 'green', maskedName: '张*明' });
    expect(logs.join('\n')).toMatch(/SMS to \+86138\*\*\*\*0002: .*\d{6}/);
  } finally {
    await server.close();
  }
  await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();

  const again: string[] = [];
  const second = await startServer(config, { log: (l) => again.push(l) }, { seedIfEmpty: true });
  await second.close();
  expect(again.join('\n')).not.toContain('Seeded demo data');
  expect(again.join('\n')).not.toContain('Created a new trust root');
});

it('refuses to start on a port that is taken, and says why', async () => {
  const dataDir = tempDataDir();
  const first = await startServer(loadConfig({ HG_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }), { log: () => {} });
  try {
    const port = new URL(first.url).port;
    await expect(startServer(loadConfig({ HG_DATA_DIR: dataDir, PORT: port, HOST: '127.0.0.1' }), { log: () => {} })).rejects.toThrow(/EADDRINUSE/);
  } finally {
    await first.close();
  }
});
