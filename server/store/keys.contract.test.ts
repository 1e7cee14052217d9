import { expect, it } from 'vitest';
import { describeStores } from '../testing/stores.js';

const key = (kid: string, at: number) => ({
  kid,
  public_jwk: '{"kty":"EC","crv":"P-256","x":"x","y":"y"}',
  valid_from: at,
  valid_to: at + 1000,
  state: 'active' as const,
  created_at: at,
});

describeStores('signing keys and settings', (store) => {
  it('stores keys in creation order and changes their state', async () => {
    const s = store();
    await s.keys.addSigningKey(key('bbbbbbbbbbb', 2));
    await s.keys.addSigningKey(key('aaaaaaaaaaa', 1));
    expect((await s.keys.signingKeys()).map((k) => k.kid)).toEqual(['aaaaaaaaaaa', 'bbbbbbbbbbb']);
    await s.keys.setKeyState('aaaaaaaaaaa', 'retired', 500);
    await s.keys.setKeyState('bbbbbbbbbbb', 'withdrawn');
    expect(await s.keys.getSigningKey('aaaaaaaaaaa')).toMatchObject({ state: 'retired', valid_to: 500 });
    expect(await s.keys.getSigningKey('bbbbbbbbbbb')).toMatchObject({ state: 'withdrawn', valid_to: 1002 });
    await expect(s.keys.addSigningKey(key('aaaaaaaaaaa', 3))).rejects.toThrow();
  });

  it('counts every one of many concurrent increments', async () => {
    const s = store();
    const results = await Promise.all(Array.from({ length: 20 }, () => s.settings.incrementCounter('n')));
    expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await s.settings.get('n')).toBe('20');
  });

  it('sets a setting only once', async () => {
    const s = store();
    expect(await s.settings.setOnce('salt', 'first')).toBe('first');
    expect(await s.settings.setOnce('salt', 'second')).toBe('first');
  });

  it('appends to the audit log, newest first', async () => {
    const s = store();
    await s.audit.append({ at: 1, actor: 'operator:alice', action: 'a', target: 'person:p1', detail: { n: 1 } });
    await s.audit.append({ at: 2, actor: 'user:u1', action: 'b', target: 'key:k1', detail: {} });
    const rows = await s.audit.recent();
    expect(rows.map((r) => [r.action, r.actor, r.target, JSON.parse(r.detail)])).toEqual([
      ['b', 'user:u1', 'key:k1', {}],
      ['a', 'operator:alice', 'person:p1', { n: 1 }],
    ]);
  });
});
