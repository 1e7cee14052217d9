import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { listsApi } from '../../shared/api/lists.js';
import { generateSigningKey, publicJwkOf } from '../../shared/code/keys.js';
import { openEnvelope, type Envelope } from '../../shared/envelope.js';
import { applyRedList, RedListSchema, type RedList } from '../../shared/redlist.js';
import { TrustListSchema } from '../../shared/trust.js';
import { seedPeople, testServer, type TestServer, TEST_ACTOR } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

const rootsOf = (t: TestServer) => JSON.parse(readFileSync(join(t.config.dataDir, 'keys', 'trust-roots.public.json'), 'utf8')).roots;
const fetchJson = async (t: TestServer, path: string) => (await (await t.app.request(path)).json()) as Envelope;

describeStores('trust and red list routes', (store) => {
  it('serves a trust list signed by the root in trust-roots.public.json, with keys in their states', async () => {
    const t = await testServer(store());
    const { keys } = t.services;
    const first = (await keys.signer()).kidText;
    t.clock.advance(60_000);
    const second = await keys.createSigningKey(TEST_ACTOR);
    t.clock.advance(60_000);
    await keys.createSigningKey(TEST_ACTOR);
    await keys.withdraw(second.kid, TEST_ACTOR);
    t.clock.advance(5_000);
    const res = await t.app.request(listsApi.trust.path);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const list = await openEnvelope(await res.json(), rootsOf(t), TrustListSchema);
    expect(list).toMatchObject({ v: 1, iss: 'CN-44', version: 4, issuedAt: t.clock.t });
    expect(list.keys.map((k) => [k.kid === first ? 'first' : k.kid === second.kid ? 'second' : 'third', k.state])).toEqual([
      ['first', 'retired'],
      ['second', 'withdrawn'],
      ['third', 'active'],
    ]);
    expect(JSON.stringify(list)).not.toMatch(/"d":/);
  });

  it('is not signed by any other root', async () => {
    const t = await testServer(store());
    const otherRoot = await publicJwkOf((await generateSigningKey()).publicKey);
    await expect(openEnvelope(await fetchJson(t, listsApi.trust.path), [otherRoot], TrustListSchema)).rejects.toThrow(/does not verify/);
  });

  it('serves the red list as a snapshot, then as deltas with the total', async () => {
    const s = store();
    const t = await testServer(s);
    await seedPeople(s);
    const roots = rootsOf(t);
    const get = async (query = '') => openEnvelope(await fetchJson(t, `${listsApi.redList.path}${query}`), roots, RedListSchema);
    let device: RedList | undefined = applyRedList(undefined, await get());
    expect(device).toMatchObject({ version: 0 });
    expect(device!.entries.size).toBe(0);

    await t.services.status.setStatus('p-green', 'red', 'positive-test', TEST_ACTOR);
    const delta = await get(`?since=${device!.version}`);
    expect(delta).toMatchObject({ total: 1, delta: { since: 0, removed: [] } });
    expect(delta.delta!.added).toHaveLength(1);
    device = applyRedList(device, delta);
    expect(device?.entries.size).toBe(1);

    await t.services.status.setStatus('p-green', 'green', undefined, TEST_ACTOR);
    const next = await get(`?since=${device!.version}`);
    expect(next).toMatchObject({ total: 0, delta: { added: [], removed: [...device!.entries] } });
    expect(applyRedList(device, next)?.entries.size).toBe(0);

    for (const q of ['', '?since=abc', '?since=-1', '?since=99999', '?since=1.5']) {
      const m = await get(q);
      expect(m.snapshot).toEqual([]);
      expect(m.total).toBe(0);
    }
  });
});
