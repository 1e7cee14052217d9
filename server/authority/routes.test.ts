import * as v from 'valibot';
import { expect, it } from 'vitest';
import { authorityApi, feedsApi, ImportOutcomeSchema, LookupResultSchema } from '../../shared/api/authority.js';
import { MyCodeSchema, peopleApi } from '../../shared/api/people.js';
import { PersonRecordsSchema, recordsApi } from '../../shared/api/records.js';
import { record } from '../audit/log.js';
import { pathOf, type Endpoint } from '../../shared/api/contract.js';
import type { Role } from '../../shared/roles.js';
import { seedPeople, signInAs, testServer, type TestServer } from '../testing/server.js';
import type { Store } from '../store/store.js';
import { describeStores } from '../testing/stores.js';

const PHONES: Record<Exclude<Role, 'admin'> | 'admin', string> = {
  inspector: '+8613800000001',
  holder: '+8613800000002',
  manager: '+8613800000004',
  admin: '+8613800000005',
  'org-admin': '+8613800000006',
};

async function setup(store: Store): Promise<{ t: TestServer; as: Record<Role, string> }> {
  await seedPeople(store);
  await store.accounts.createUser({ id: 'u-admin', phone: PHONES.admin, role: 'admin', person_id: null, created_at: 1 });
  await store.accounts.createUser({ id: 'u-org', phone: PHONES['org-admin'], role: 'org-admin', person_id: null, created_at: 1 });
  await store.people.createPerson({ id: 'p-doc', sub: 'ZG9jLXN1Yi0x', name: '王五', document_no: 'E12345678', status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
  const t = await testServer(store);
  const as = {} as Record<Role, string>;
  for (const role of Object.keys(PHONES) as Role[]) as[role] = await signInAs(t, store, PHONES[role]);
  return { t, as };
}

const call = (t: TestServer, e: Endpoint, cookie: string | undefined, init: { params?: Record<string, string>; query?: string; body?: unknown; raw?: string; type?: string } = {}) =>
  t.app.request(`${pathOf(e.path, init.params)}${init.query ?? ''}`, {
    method: e.method,
    headers: { ...(cookie ? { cookie } : {}), 'content-type': init.type ?? 'application/json' },
    ...(e.method === 'GET' ? {} : { body: init.raw ?? JSON.stringify(init.body ?? {}) }),
  });


describeStores('authority routes', (store) => {
  it('refuses every admin route to holders, inspectors, managers, organisation admins and strangers', async () => {
    const { t, as } = await setup(store());
    const params = { id: 'x', kid: 'AAAAAAAAAAA' };
    for (const e of Object.values(authorityApi) as Endpoint[]) {
      for (const role of ['holder', 'inspector', 'manager', 'org-admin'] as const) {
        const res = await call(t, e, as[role], { params, query: '?feed=key-population' });
        expect(res.status, `${role} ${e.method} ${e.path}`).toBe(403);
      }
      expect((await call(t, e, undefined, { params, query: '?feed=key-population' })).status, `stranger ${e.path}`).toBe(401);
    }
  });

  it('looks a person up only with a reason, and audits who, when and why', async () => {
    const s = store();
    const { t, as } = await setup(s);
    const noReason = await call(t, authorityApi.lookup, as.admin, { body: { documentNumber: 'E12345678', reason: '' } });
    expect(noReason.status).toBe(400);
    const res = await call(t, authorityApi.lookup, as.admin, { body: { documentNumber: 'e12345678', reason: '核查投诉 #42' } });
    expect(res.status).toBe(200);
    const body = v.parse(LookupResultSchema, await res.json());
    expect(body.person).toMatchObject({ id: 'p-doc', name: '王五', status: 'green', redListed: false });
    const [audit] = await s.audit.recent(1);
    expect(audit).toMatchObject({ actor: 'user:u-admin', action: 'person.lookup', target: 'person:p-doc', at: t.clock.t });
    expect(JSON.parse(audit!.detail)).toEqual({ reason: '核查投诉 #42', found: true });
    expect(audit!.detail).not.toContain('E12345678');
    const none = v.parse(LookupResultSchema, await (await call(t, authorityApi.lookup, as.admin, { body: { documentNumber: 'E00000000', reason: 'spot check' } })).json());
    expect(none).toEqual({ person: null, events: [], codes: [] });
  });

  it('imports from the console: 422 with the report for a bad file, 200 and the person red for a good one, history in the lookup', async () => {
    const s = store();
    const { t, as } = await setup(s);
    const header = 'documentType,documentNumber,category,startDate,endDate,sourceNote';
    const bad = await call(t, authorityApi.importFeed, as.admin, { query: '?feed=key-population', type: 'text/csv', raw: `${header}\npassport,E12345678,close-contact,2022-13-01,,CDC\n` });
    expect(bad.status).toBe(422);
    t.clock.advance(1000);
    expect(v.parse(ImportOutcomeSchema, await bad.json()).report).toMatchObject({ applied: false, rejected: 1, rejectedRows: [{ line: 2, errors: [{ field: 'startDate', problem: 'bad-date' }] }] });
    const good = await call(t, authorityApi.importFeed, as.admin, { query: '?feed=key-population', type: 'text/csv', raw: `${header}\npassport,E12345678,close-contact,${new Date(t.clock.t).toISOString().slice(0, 10)},,CDC\n` });
    expect(good.status).toBe(200);
    const outcome = v.parse(ImportOutcomeSchema, await good.json());
    expect(outcome.changes).toMatchObject({ statusChanges: 1, redListAdded: 1 });
    const looked = v.parse(LookupResultSchema, await (await call(t, authorityApi.lookup, as.admin, { body: { documentNumber: 'E12345678', reason: 'check import' } })).json());
    expect(looked.person).toMatchObject({ status: 'red', reason: 'close-contact', redListed: true });
    expect(looked.events).toMatchObject([{ from: 'green', status: 'red', cause: `import:${outcome.id}`, actor: 'user:u-admin' }]);
    const report = await call(t, authorityApi.importReport, as.admin, { params: { id: outcome.id } });
    expect(await report.json()).toMatchObject({ import: { id: outcome.id, channel: 'console', applied: true }, report: { accepted: 1 } });
    const overview = await (await call(t, authorityApi.overview, as.admin)).json();
    expect(overview).toMatchObject({ redList: { size: 1 }, imports: [{ id: outcome.id }, { applied: false }] });
  });

  it('lets a feed system post with its token, only to its feeds, and never after revocation', async () => {
    const s = store();
    const { t, as } = await setup(s);
    const created = (await (await call(t, authorityApi.createFeedToken, as.admin, { body: { source: 'lab-gz-1', feeds: ['test-results'] } })).json()) as { token: string; info: { id: string } };
    expect(created.token).toMatch(/^hgf_/);
    const line = JSON.stringify({ documentType: 'passport', documentNumber: 'E12345678', testKind: 'nucleic-acid', result: 'positive', institution: 'Lab', sampledAt: '2022-05-01T09:00:00+08:00', reportedAt: '2022-05-01T20:00:00+08:00' });
    const post = (feed: string, token: string | undefined) =>
      t.app.request(pathOf(feedsApi.post.path, { feed }), { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: `${line}\n` });
    expect((await post('test-results', undefined)).status).toBe(401);
    expect((await post('test-results', 'hgf_wrong')).status).toBe(401);
    expect((await post('key-population', created.token)).status).toBe(403);
    const ok = await post('test-results', created.token);
    expect(ok.status).toBe(200);
    expect(v.parse(ImportOutcomeSchema, await ok.json()).changes).toMatchObject({ statusChanges: 1 });
    expect((await s.status.imports(1))[0]).toMatchObject({ channel: 'feed:lab-gz-1', actor: 'system:feed:lab-gz-1' });
    await call(t, authorityApi.revokeFeedToken, as.admin, { params: { id: created.info.id } });
    expect((await post('test-results', created.token)).status).toBe(401);
    expect((await s.status.tokens())[0]!.token_hash).not.toContain(created.token.slice(4));
  });

  it('serves templates and an OpenAPI document generated from the row schemas, to anyone', async () => {
    const { t } = await setup(store());
    const csv = await t.app.request(pathOf(feedsApi.template.path, { feed: 'key-population' }) + '?header=key');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.split('\r\n')[0]).toBe('\uFEFFdocumentType,documentNumber,category,startDate,endDate,sourceNote');
    expect((await t.app.request(pathOf(feedsApi.template.path, { feed: 'nope' }))).status).toBe(404);
    const doc = (await (await t.app.request(feedsApi.openapi.path)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(['/api/feeds/test-results', '/api/feeds/key-population', '/api/feeds/national-state']);
  });

  it('runs key operations for admins: standby, activate, withdraw from a time', async () => {
    const s = store();
    const { t, as } = await setup(s);
    const key = (await (await call(t, authorityApi.createKey, as.admin, { body: { standby: true } })).json()) as { kid: string; state: string };
    expect(key.state).toBe('standby');
    expect((await call(t, authorityApi.activateKey, as.admin, { params: { kid: key.kid } })).status).toBe(200);
    t.clock.advance(3_600_000);
    const from = t.clock.t - 600_000;
    const w = await call(t, authorityApi.withdrawKey, as.admin, { params: { kid: key.kid }, body: { from } });
    expect(await w.json()).toMatchObject({ withdrawnFrom: from, replacement: expect.any(String) });
    const overview = (await (await call(t, authorityApi.overview, as.admin)).json()) as { trust: { keys: { kid: string; state: string; withdrawnFrom?: number }[]; latestWithdrawalVersion: number | null } };
    expect(overview.trust.keys.find((k) => k.kid === key.kid)).toMatchObject({ state: 'withdrawn', withdrawnFrom: from });
    expect(overview.trust.latestWithdrawalVersion).toEqual(expect.any(Number));
    expect((await call(t, authorityApi.withdrawKey, as.admin, { params: { kid: key.kid }, body: { from: t.clock.t + 60_000 } })).status).toBe(400);
  });

  it('shows a national state that disagrees to the holder (code and records) and to the admin, and lists the codes where they are recorded', async () => {
    const s = store();
    const { t, as } = await setup(s);
    await s.accounts.createUser({ id: 'u-doc', phone: '+8613800000009', role: 'holder', person_id: 'p-doc', created_at: 1 });
    const holder = await signInAs(t, s, '+8613800000009');
    const myCode = async () => v.parse(MyCodeSchema, await (await t.app.request(peopleApi.myCode.path, { headers: { cookie: holder } })).json());
    expect((await myCode()).national).toBeUndefined();
    const asOf = new Date(t.clock.t - 3600_000).toISOString();
    const res = await call(t, authorityApi.importFeed, as.admin, { query: '?feed=national-state', type: 'text/csv', raw: `documentType,documentNumber,state,asOf\npassport,E12345678,red,${asOf}\n` });
    expect(res.status).toBe(200);
    const national = { state: 'red', asOf: Date.parse(asOf), disagreement: 'national-stricter' };
    expect(await myCode()).toMatchObject({ status: 'green', national });
    const records = v.parse(PersonRecordsSchema, await (await t.app.request(recordsApi.mine.path, { headers: { cookie: holder } })).json());
    expect(records).toMatchObject({ status: 'green', national });

    await s.holders.createPrintedCode({ id: 'pc-1', person_id: 'p-doc', seq: 1, issued_at: t.clock.t - 5000, expires_at: t.clock.t + 86_400_000, revoked_at: null });
    await s.holderRecords.addCodeDisplays([{ id: 'd-1', user_id: 'u-doc', person_id: 'p-doc', shown_at: t.clock.t - 1000, status: 'green', offline: 1, reported_at: t.clock.t }]);
    await record(s, { at: t.clock.t - 9000, actor: { kind: 'operator', name: 'cli' }, action: 'code.issue', targetId: 'p-doc', detail: { status: 'green' } });
    const looked = v.parse(LookupResultSchema, await (await call(t, authorityApi.lookup, as.admin, { body: { documentNumber: 'E12345678', reason: 'national check' } })).json());
    expect(looked.person).toMatchObject({ status: 'green', national });
    expect(looked.codes.map((c) => [c.kind, c.at - t.clock.t, c.status, c.seq, c.offline])).toEqual([
      ['shown', -1000, 'green', null, true],
      ['printed', -5000, null, 1, null],
      ['cli', -9000, 'green', null, null],
    ]);
  });
});
