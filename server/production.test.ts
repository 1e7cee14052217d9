// Production mode as an attacker meets it: unsafe settings stop the start with the setting named,
// the data on disk is the owner's alone, and the log never holds a sign-in code or a session token.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdirSync, statSync, chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './main.js';
import { connect } from './store/connect.js';
import { createStore } from './store/store.js';
import { freePort, ServerProcess } from './testing/process.js';
import { PRODUCTION_TEST_ENV, tempDataDir } from './testing/server.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('production start', () => {
  it('refuses the demo seed in production, naming it', async () => {
    const dataDir = tempDataDir();
    const config = loadConfig({ ...PRODUCTION_TEST_ENV, NODE_ENV: 'production', HG_DATA_DIR: dataDir, PORT: '0' });
    await expect(startServer(config, { log: () => {} }, { seedIfEmpty: true })).rejects.toThrow(ConfigError);
    await expect(startServer(config, { log: () => {} }, { seedIfEmpty: true })).rejects.toThrow(/--seed-if-empty/);
  });

  it('keeps the data dir 0700 and the SQLite file, its WAL and the key files 0600', async () => {
    const parent = tempDataDir();
    const dataDir = join(parent, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755); // as a copy made with a loose umask would be
    const config = loadConfig({ HG_DATA_DIR: dataDir, PORT: '0', HG_STATIC_DIR: join(dataDir, 'web') });
    const server = await startServer(config, { log: () => {} });
    try {
      expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ ok: true });
      expect(mode(dataDir).toString(8)).toBe('700');
      const sqlite = readdirSync(dataDir).filter((f) => f.startsWith('healthgate.sqlite'));
      expect(sqlite).toContain('healthgate.sqlite');
      expect(sqlite).toContain('healthgate.sqlite-wal');
      for (const f of sqlite) expect(`${f} ${mode(join(dataDir, f)).toString(8)}`).toBe(`${f} 600`);
      const keys = join(dataDir, 'keys');
      expect(mode(keys).toString(8)).toBe('700');
      const privateFiles = [...readdirSync(keys).filter((f) => !f.endsWith('.public.json')).map((f) => join(keys, f)), ...readdirSync(join(keys, 'signing')).map((f) => join(keys, 'signing', f))];
      expect(privateFiles.length).toBeGreaterThan(2);
      for (const f of privateFiles) if (statSync(f).isFile()) expect(`${f} ${mode(f).toString(8)}`).toBe(`${f} 600`);
    } finally {
      await server.close();
    }
  });

  it('listens on loopback unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
  });
});

describe('the production log', () => {
  let provider: Server | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await new Promise((r) => (provider ? provider.close(r) : r(undefined)));
  });

  it('never holds a sign-in code or a session token, even when the SMS provider fails and echoes the text', async () => {
    const texts: string[] = [];
    let failNext = false;
    provider = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        texts.push((JSON.parse(body) as { text: string }).text);
        if (failNext) {
          failNext = false;
          res.writeHead(500).end(`provider error while sending ${body}`);
        } else res.writeHead(200).end('{}');
      });
    });
    const providerPort = await freePort();
    await new Promise<void>((r) => provider!.listen(providerPort, '127.0.0.1', r));

    const dataDir = tempDataDir();
    const dbFile = join(dataDir, 'healthgate.sqlite');
    const store = createStore(await connect({ url: dbFile }));
    await store.people.createPerson({ id: 'p1', sub: 'AAAAAAAAAAA', name: '张小明', document_no: null, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    await store.accounts.createUser({ id: 'u1', phone: '+8613800000002', role: 'holder', person_id: 'p1', created_at: 1 });
    await store.close();

    server = new ServerProcess(await freePort(), {
      ...PRODUCTION_TEST_ENV,
      NODE_ENV: 'production',
      HG_DATA_DIR: dataDir,
      HG_STATIC_DIR: join(dataDir, 'web'),
      HG_SMS_PROVIDER_URL: `http://127.0.0.1:${providerPort}/send`,
    });
    await server.start();
    const post = (path: string, body: unknown, cookie = '') =>
      fetch(`${server!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server!.url, cookie }, body: JSON.stringify(body) });

    // A failed send (the provider echoes the text back) is logged, without the code.
    failNext = true;
    expect((await post('/api/auth/otp/request', { phone: '13800000002' })).status).toBe(200);
    const failedCode = texts.at(-1)!.match(/\d{6}/)![0];
    // The dev outbox does not exist here, not even from this machine.
    expect((await fetch(`${server.url}/api/dev/sms`)).status).toBe(404);

    await post('/api/auth/otp/verify', { phone: '13800000002', code: failedCode === '000000' ? '000001' : '000000' });
    const signedIn = await post('/api/auth/otp/verify', { phone: '13800000002', code: failedCode });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const token = cookie.split('=')[1]!;
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie } })).status).toBe(200);
    expect((await post('/api/auth/signout', {}, cookie)).status).toBe(200);

    await server.stop();
    const log = server.log;
    expect(log).toContain('SMS to +86138****0002 failed');
    expect(log).not.toContain(failedCode);
    expect(log).not.toContain(token);
  }, 90_000);
});
