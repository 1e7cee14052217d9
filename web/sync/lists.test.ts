import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, kidOf, publicJwkOf } from '../../shared/code/keys.js';
import { EnvelopeError, sealEnvelope } from '../../shared/envelope.js';
import type { RedListMessage } from '../../shared/redlist.js';
import { makeTestIssuer, T0 } from '../../shared/testing.js';
import { TrustRollbackError, type TrustList } from '../../shared/trust.js';
import { freshDb } from '../db/testing.js';
import { heldRedList, heldTrustList } from '../db/lists.js';
import { refreshRedList, refreshTrustList } from './lists.js';

let root: { key: CryptoKey; kid: Uint8Array; jwk: JsonWebKey };
let otherRoot: typeof root;
async function makeRoot(): Promise<typeof root> {
  const pair = await generateSigningKey();
  return { key: pair.privateKey, kid: await kidOf(pair.publicKey), jwk: await publicJwkOf(pair.publicKey) };
}
beforeAll(async () => {
  root = await makeRoot();
  otherRoot = await makeRoot();
});


/** Serves whatever the test puts in `routes`, sealed by `signer`, and logs the paths asked for. */
function fakeServer(signer = () => root) {
  const routes = new Map<string, unknown>();
  const asked: string[] = [];
  const fetch = async (url: string): Promise<Response> => {
    asked.push(url);
    const body = routes.get(url);
    if (body === undefined) return new Response('{"error":{"code":"not_found","message":"x"}}', { status: 404 });
    const s = signer();
    return new Response(JSON.stringify(await sealEnvelope(body, s.key, s.kid)), { status: 200 });
  };
  return { routes, asked, fetch };
}

const trustList = async (version: number, state: 'active' | 'withdrawn' = 'active'): Promise<TrustList> => {
  const issuer = await makeTestIssuer(state);
  return { ...issuer.trustList, version, issuedAt: T0 + version };
};
const entry = (i: number) => `entry-${String(i).padStart(10, '0')}`;

describe('trust list refresh', () => {
  it('stores a list signed by a trust root, and refuses a rollback', async () => {
    const db = freshDb();
    const server = fakeServer();
    const v2 = await trustList(2);
    server.routes.set('/api/trust', v2);
    await refreshTrustList({ db, roots: [root.jwk], fetch: server.fetch });
    expect((await heldTrustList(db))?.list.version).toBe(2);

    server.routes.set('/api/trust', await trustList(1));
    await expect(refreshTrustList({ db, roots: [root.jwk], fetch: server.fetch })).rejects.toBeInstanceOf(TrustRollbackError);
    expect((await heldTrustList(db))?.list).toEqual(v2);
  });

  it('keeps a withdrawn key withdrawn when a newer list says active', async () => {
    const db = freshDb();
    const server = fakeServer();
    const v1 = await trustList(1);
    const withdrawn = { ...v1.keys[0]!, state: 'withdrawn' as const };
    server.routes.set('/api/trust', { ...v1, keys: [withdrawn] });
    await refreshTrustList({ db, roots: [root.jwk], fetch: server.fetch });
    server.routes.set('/api/trust', { ...v1, version: 2, keys: [{ ...withdrawn, state: 'active' }] });
    const held = await refreshTrustList({ db, roots: [root.jwk], fetch: server.fetch });
    expect(held.version).toBe(2);
    expect(held.keys.map((k) => k.state)).toEqual(['withdrawn']);
    expect((await heldTrustList(db))?.list.keys[0]?.state).toBe('withdrawn');
  });

  it('keeps a withdrawal point from moving later when a newer list says so', async () => {
    const db = freshDb();
    const server = fakeServer();
    const v1 = await trustList(1);
    const from = T0 + 60_000;
    const partly = { ...v1.keys[0]!, state: 'withdrawn' as const, withdrawnFrom: from };
    server.routes.set('/api/trust', { ...v1, keys: [partly] });
    await refreshTrustList({ db, roots: [root.jwk], fetch: server.fetch });
    server.routes.set('/api/trust', { ...v1, version: 2, keys: [{ ...partly, withdrawnFrom: from + 3_600_000 }] });
    const held = await refreshTrustList({ db, roots: [root.jwk], fetch: server.fetch });
    expect(held.version).toBe(2);
    expect((await heldTrustList(db))?.list.keys[0]).toMatchObject({ state: 'withdrawn', withdrawnFrom: from });
  });

  it('refuses a list not signed by a built-in root, keeping nothing', async () => {
    const db = freshDb();
    const server = fakeServer(() => otherRoot);
    server.routes.set('/api/trust', await trustList(3));
    await expect(refreshTrustList({ db, roots: [root.jwk], fetch: server.fetch })).rejects.toBeInstanceOf(EnvelopeError);
    expect(await heldTrustList(db)).toBeUndefined();
  });
});

describe('red list refresh', () => {
  const snapshot = (version: number, entries: string[]): RedListMessage => ({ v: 1, version, issuedAt: T0 + version, salt: 's1', total: entries.length, snapshot: entries });

  it('starts from a snapshot, then applies a delta since the held version', async () => {
    const db = freshDb();
    const server = fakeServer();
    server.routes.set('/api/redlist', snapshot(1, [entry(1), entry(2)]));
    await refreshRedList({ db, roots: [root.jwk], fetch: server.fetch });
    server.routes.set('/api/redlist?since=1', {
      v: 1, version: 2, issuedAt: T0 + 2, salt: 's1', total: 2,
      delta: { since: 1, added: [entry(3)], removed: [entry(1)] },
    } satisfies RedListMessage);
    await refreshRedList({ db, roots: [root.jwk], fetch: server.fetch });
    const held = await heldRedList(db);
    expect(held?.version).toBe(2);
    expect([...held!.entries].sort()).toEqual([entry(2), entry(3)]);
    expect(server.asked).toEqual(['/api/redlist', '/api/redlist?since=1']);
  });

  it('refetches the snapshot when a delta does not add up to the total', async () => {
    const db = freshDb();
    const server = fakeServer();
    server.routes.set('/api/redlist', snapshot(1, [entry(1)]));
    await refreshRedList({ db, roots: [root.jwk], fetch: server.fetch });
    server.routes.set('/api/redlist?since=1', {
      v: 1, version: 3, issuedAt: T0 + 3, salt: 's1', total: 5,
      delta: { since: 1, added: [entry(2)], removed: [] },
    } satisfies RedListMessage);
    server.routes.set('/api/redlist', snapshot(3, [1, 2, 3, 4, 5].map(entry)));
    const next = await refreshRedList({ db, roots: [root.jwk], fetch: server.fetch });
    expect(next.version).toBe(3);
    expect(next.entries.size).toBe(5);
    expect(server.asked.slice(1)).toEqual(['/api/redlist?since=1', '/api/redlist']);
    expect((await heldRedList(db))?.entries.size).toBe(5);
  });

  it('does not let a replayed older answer undo newer entries', async () => {
    const db = freshDb();
    const server = fakeServer();
    server.routes.set('/api/redlist', snapshot(4, [entry(1), entry(2)]));
    await refreshRedList({ db, roots: [root.jwk], fetch: server.fetch });
    server.routes.set('/api/redlist?since=4', snapshot(2, []));
    await refreshRedList({ db, roots: [root.jwk], fetch: server.fetch });
    expect((await heldRedList(db))?.entries.size).toBe(2);
  });

  it('keeps the held list when the network fails', async () => {
    const db = freshDb();
    const server = fakeServer();
    server.routes.set('/api/redlist', snapshot(1, [entry(1)]));
    await refreshRedList({ db, roots: [root.jwk], fetch: server.fetch });
    const down = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    await expect(refreshRedList({ db, roots: [root.jwk], fetch: down })).rejects.toThrow();
    expect((await heldRedList(db))?.version).toBe(1);
  });
});
