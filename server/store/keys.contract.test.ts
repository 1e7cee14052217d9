import { expect, it } from 'vitest';
import { describeStores } from './testing.js';

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
    const results = await Promise.all(Array.from({ length: 20 }, () => s.keys.incrementCounter('n')));
    expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await s.keys.getSetting('n')).toBe('20');
  });

  it('sets a setting only once', async () => {
    const s = store();
    expect(await s.keys.setSettingOnce('salt', 'first')).toBe('first');
    expect(await s.keys.setSettingOnce('salt', 'second')).toBe('first');
  });

  it('appends to the audit log, newest first', async () => {
    const s = store();
    await s.audit.append({ at: 1, actor: 'cli', action: 'a', detail: { n: 1 } });
    await s.audit.append({ at: 2, actor: 'u1', action: 'b', detail: {} });
    const rows = await s.audit.recent();
    expect(rows.map((r) => [r.action, r.actor, JSON.parse(r.detail)])).toEqual([
      ['b', 'u1', {}],
      ['a', 'cli', { n: 1 }],
    ]);
  });
});
