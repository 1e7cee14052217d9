// Hostile bodies cost nothing: a body over the limit is refused while it is read, chunked or
// not, so a 64 MiB chunked POST moves the server's memory by a few MiB at most.

import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { authApi } from '../../shared/api/auth.js';
import { syncApi } from '../../shared/api/sync.js';
import { freePort, ServerProcess } from '../testing/process.js';
import { tempDataDir, testServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

const MiB = 1024 * 1024;

/** Resident memory of a process, from /proc (Linux). */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** POSTs `total` bytes in 64 KiB chunks with no Content-Length; resolves with the status. */
function chunkedPost(url: string, total: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
    let status: number | undefined;
    req.on('response', (res) => {
      status = res.statusCode;
      res.resume();
      res.on('end', () => resolve(status!));
    });
    // The server answers and closes early: the rest of the body is not wanted.
    req.on('error', (e) => (status !== undefined ? resolve(status) : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    chunk[0] = 0x5b; // '[' then spaces: valid JSON would need the whole body
    let sent = 0;
    const pump = () => {
      while (sent < total && status === undefined) {
        sent += chunk.length;
        if (!req.write(sent === chunk.length ? chunk : chunk.fill(0x20, 0, 1))) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

let server: ServerProcess | undefined;
afterEach(async () => server?.stop());

it('refuses a 64 MiB chunked body with 413 while growing the process by less than 8 MiB', async () => {
  const dataDir = tempDataDir();
  server = new ServerProcess(await freePort(), { HG_DATA_DIR: dataDir, HG_STATIC_DIR: join(dataDir, 'web'), NODE_ENV: 'development' });
  await server.start();
  // Warm up the route (code paths compiled, pools made) before measuring.
  for (let i = 0; i < 3; i++) expect(await chunkedPost(`${server.url}${authApi.otpRequest.path}`, 64 * 1024)).toBe(413);
  const before = rssOf(server.pid!);
  expect(await chunkedPost(`${server.url}${authApi.otpRequest.path}`, 64 * MiB)).toBe(413);
  expect(await chunkedPost(`${server.url}${syncApi.checkpoints.path}`, 64 * MiB)).toBe(413);
  const growth = rssOf(server.pid!) - before;
  expect(growth).toBeLessThan(8 * MiB);
}, 120_000);

describeStores('body limits in process', (store) => {
  it('answer a streamed body over the limit with 413 payload_too_large, and batches with batch_too_large', async () => {
    const t = await testServer(store());
    const stream = (bytes: number) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let sent = 0; sent < bytes; sent += 4096) controller.enqueue(new Uint8Array(4096).fill(0x20));
          controller.close();
        },
      });
    const post = (path: string, bytes: number, headers: Record<string, string> = {}) =>
      t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers }, body: stream(bytes), duplex: 'half' } as RequestInit);
    const big = await post(authApi.otpRequest.path, 64 * 1024);
    expect([big.status, await big.json()]).toEqual([413, { error: { code: 'payload_too_large', message: expect.any(String) } }]);
    const batch = await post(syncApi.checkpoints.path, 1024 * 1024);
    expect(batch.status).toBe(413);
    // Under the limit, the body is read as usual (here: blank, so not JSON).
    const small = await post(authApi.otpRequest.path, 4096);
    expect([small.status, ((await small.json()) as { error: { code: string } }).error.code]).toEqual([400, 'bad_request']);
  });

  it('refuses lone surrogates and invalid UTF-8 anywhere in a body with 400, storing nothing', async () => {
    const t = await testServer(store());
    const post = (body: string | Uint8Array) => t.app.request(authApi.otpRequest.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const surrogate = await post('{"phone":"13800000002","\\ud800":1}');
    expect([surrogate.status, ((await surrogate.json()) as { error: { code: string } }).error.code]).toEqual([400, 'validation_failed']);
    const lone = await post('{"phone":"1380000000\\udc02"}');
    expect(lone.status).toBe(400);
    const badUtf8 = await post(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    expect([badUtf8.status, ((await badUtf8.json()) as { error: { code: string } }).error.code]).toEqual([400, 'bad_request']);
    expect(await store().auth.latestChallenge('+8613800000002')).toBeUndefined();
  });
});
