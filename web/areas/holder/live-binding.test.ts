import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MyCode } from '../../../shared/api/people.js';
import { appDb } from '../../db/db.js';
import { registeredKeyId } from '../../db/device-keys.js';
import { fetchMyCode, serverTimeSeen } from './live-binding.js';

const CODE: MyCode = { text: 'HG1:X', status: 'green', reason: 'none', kind: 'resident', maskedName: '张*明', issuedAt: 1, expiresAt: 2 };
const DATE = 'Sun, 29 Nov 2026 12:00:00 GMT';

type Call = { method: string; url: string; body?: unknown };

/** A fake server: answers from `handler`, notes every request. */
function fakeServer(handler: (c: Call) => Response): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const c: Call = { method: init?.method ?? 'GET', url, body: init?.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(c);
    return handler(c);
  });
  return calls;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', date: DATE } });
const error = (code: string, status: number) => json({ error: { code, message: code } }, status);

afterEach(() => vi.unstubAllGlobals());

describe('binding the holder’s codes to this phone', () => {
  it('registers the public key once per account, then asks for codes bound to it, and notes the server’s clock', async () => {
    const calls = fakeServer((c) => (c.method === 'PUT' ? json({ deviceKey: 'KEYID000001' }) : json(CODE)));
    expect(await fetchMyCode('u-1')).toEqual({ code: CODE, deviceKey: 'KEYID000001', canBind: true });
    expect(await fetchMyCode('u-1')).toMatchObject({ deviceKey: 'KEYID000001' });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['PUT /api/me/device-key', 'GET /api/me/code?deviceKey=KEYID000001', 'GET /api/me/code?deviceKey=KEYID000001']);
    const { jwk } = calls[0]!.body as { jwk: Record<string, string> };
    expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']); // the public half only
    expect(serverTimeSeen.value?.serverTime).toBe(Date.parse(DATE) + 500);
    expect(await registeredKeyId(appDb(), 'u-1')).toBe('KEYID000001');
  });

  it('registers again, once, when the server has forgotten the key', async () => {
    let forgotten = true;
    const calls = fakeServer((c) => {
      if (c.method === 'PUT') return json({ deviceKey: 'KEYID000002' });
      if (forgotten) {
        forgotten = false;
        return error('device_key_unknown', 404);
      }
      return json(CODE);
    });
    await fetchMyCode('u-1'); // held from the test before: KEYID000001
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/me/code?deviceKey=KEYID000001', 'PUT /api/me/device-key', 'GET /api/me/code?deviceKey=KEYID000002']);
    // Forgotten twice in a row is the server's problem, not a loop.
    fakeServer((c) => (c.method === 'PUT' ? json({ deviceKey: 'KEYID000003' }) : error('device_key_unknown', 404)));
    await expect(fetchMyCode('u-1')).rejects.toMatchObject({ code: 'device_key_unknown' });
  });

  it('takes an unbound code when the server refuses the key, and tries again next time', async () => {
    const calls = fakeServer((c) => (c.method === 'PUT' ? error('not_found', 404) : json(CODE)));
    expect(await fetchMyCode('u-2')).toEqual({ code: CODE, canBind: true });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['PUT /api/me/device-key', 'GET /api/me/code']);
    expect(await registeredKeyId(appDb(), 'u-2')).toBeUndefined();
  });

  it('asks for a member’s code by the member’s id, bound to the same device key', async () => {
    const calls = fakeServer(() => json({ ...CODE, kind: 'dependent', maskedName: '张*宝' }));
    expect(await fetchMyCode('u-1', 'p-child')).toMatchObject({ code: { kind: 'dependent' }, deviceKey: 'KEYID000003' });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/me/members/p-child/code?deviceKey=KEYID000003']);
  });
});
