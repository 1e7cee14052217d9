import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeStores } from '../testing/stores.js';
import { HttpSmsSender } from './http.js';
import { DevSmsOutbox } from './dev-outbox.js';
import { maskPhone, SmsDeliveryError } from './sender.js';

interface Received {
  method: string;
  auth: string | undefined;
  type: string | undefined;
  body: unknown;
}

/** A real HTTP "provider" on a free loopback port. */
async function fakeProvider(answer: (req: IncomingMessage) => { status: number; delayMs?: number }): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', auth: req.headers.authorization, type: req.headers['content-type'], body: JSON.parse(raw) });
      const { status, delayMs = 0 } = answer(req);
      setTimeout(() => res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? 'quota exceeded' : 'ok'), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`, received, server };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

describe('HTTP SMS sender', () => {
  it('POSTs {to, text} as JSON with the bearer token', async () => {
    const p = await fakeProvider(() => ({ status: 202 }));
    await new HttpSmsSender({ url: p.url, token: 'tok-1' }).send('+8613800000001', '验证码 123456');
    expect(p.received).toEqual([{ method: 'POST', auth: 'Bearer tok-1', type: 'application/json', body: { to: '+8613800000001', text: '验证码 123456' } }]);
  });

  it('fails clearly on a non-2xx answer, naming the status and not the whole number', async () => {
    const p = await fakeProvider(() => ({ status: 429 }));
    const err = await new HttpSmsSender({ url: p.url, token: 't' }).send('+8613800000001', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsDeliveryError);
    expect((err as Error).message).toContain('429');
    expect((err as Error).message).toContain('quota exceeded');
    expect((err as Error).message).not.toContain('+8613800000001');
  });

  it('gives up on a provider that does not answer in time', async () => {
    const p = await fakeProvider(() => ({ status: 200, delayMs: 2_000 }));
    const started = Date.now();
    const err = await new HttpSmsSender({ url: p.url, token: 't', timeoutMs: 200 }).send('+8613800000001', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsDeliveryError);
    expect((err as Error).message).toContain('did not answer within 200 ms');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('fails clearly when nothing listens', async () => {
    const p = await fakeProvider(() => ({ status: 200 }));
    await new Promise((resolve) => p.server.close(resolve));
    await expect(new HttpSmsSender({ url: p.url, token: 't' }).send('+8613800000001', 'x')).rejects.toThrow(/unreachable/);
  });
});

describe('maskPhone', () => {
  it.each([
    ['+8613800000001', '+86138****0001'],
    ['+4915112345678', '+49151****5678'],
    ['+12025550143', '+120****0143'],
    ['+1234567', '+****4567'],
    ['12345', '*****'],
  ])('%s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));
});

describeStores('outbox SMS sender', (store) => {
  it('keeps the message and logs it with the number masked', async () => {
    const lines: string[] = [];
    const outbox = new DevSmsOutbox(store(), (l) => lines.push(l), () => 42);
    await outbox.send('+8613800000001', '验证码 123456');
    expect(lines).toEqual(['SMS to +86138****0001: 验证码 123456']);
    expect(await outbox.recent('+8613800000001')).toEqual([{ phone: '+8613800000001', body: '验证码 123456', createdAt: 42 }]);
  });
});
