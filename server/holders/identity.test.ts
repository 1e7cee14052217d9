// A resident binds their own account to their identity through the real route: the same name and
// number rules and registry check as travellers and family members, a document another account
// holds refused, an account bound once never rebound, refused requests changing nothing, audited.

import { expect, it } from 'vitest';
import { authApi } from '../../shared/api/auth.js';
import { ownIdentityApi } from '../../shared/api/identity.js';
import { membersApi, type Member } from '../../shared/api/members.js';
import { peopleApi, type MyCode } from '../../shared/api/people.js';
import { DEMO_REGISTRY } from '../demo/seed.js';
import type { Store } from '../store/store.js';
import { seedPeople, signInAs, testServer, type TestServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

const NEW_RESIDENT = '+8613800000006';
const OTHER_NEW_RESIDENT = '+8613800000007';
const grandfather = { name: '张建国', documentType: 'mainland-id', documentNumber: '440103 19550301 456x' };
const child = { name: '张小宝', documentType: 'mainland-id', documentNumber: '440103201806150022' };

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; problems?: { field: string; problem: string }[] } }).error;

async function setUp(s: Store): Promise<TestServer> {
  const t = await testServer(s);
  await seedPeople(s);
  await s.registry.upsert(DEMO_REGISTRY.map((r) => ({ ...r, imported_at: 1 })));
  // Accounts that signed in by phone and have no person yet.
  await s.accounts.createUser({ id: 'u-new', phone: NEW_RESIDENT, role: 'holder', person_id: null, created_at: 1 });
  await s.accounts.createUser({ id: 'u-new-2', phone: OTHER_NEW_RESIDENT, role: 'holder', person_id: null, created_at: 1 });
  return t;
}

const bind = (t: TestServer, cookie: string, body: unknown) =>
  t.app.request(ownIdentityApi.bindIdentity.path, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });

/** What a refused request must leave as it was. */
async function snapshot(s: Store) {
  const users = await Promise.all(['u-new', 'u-new-2', 'u-green', 'u-red', 'u-insp', 'u-mgr'].map((id) => s.accounts.getUser(id)));
  const people = await Promise.all(DEMO_REGISTRY.map((r) => s.people.personByDocument(r.document_type, r.document_number)));
  return { users, people, audit: (await s.audit.recent(1000)).filter((e) => e.action === 'identity.bind').length };
}

describeStores('own identity', (store) => {
  it('binds a resident who signed in by phone to their ID card: their own resident code, their name, audited', async () => {
    const s = store();
    const t = await setUp(s);
    const cookie = await signInAs(t, s, NEW_RESIDENT);
    // No person yet: no code.
    expect((await t.app.request(peopleApi.myCode.path, { headers: { cookie } })).status).toBe(404);
    const res = await bind(t, cookie, grandfather);
    expect([res.status, await res.json()]).toEqual([200, { user: { id: 'u-new', role: 'holder', maskedName: '张*国' } }]);
    const person = await s.people.personByDocument('mainland-id', '44010319550301456X');
    expect(person).toMatchObject({ name: '张建国', kind: 'resident', status: 'green' });
    expect((await s.accounts.getUser('u-new'))?.person_id).toBe(person!.id);
    // The same session now has a code and a name.
    const code = (await (await t.app.request(peopleApi.myCode.path, { headers: { cookie } })).json()) as MyCode;
    expect(code).toMatchObject({ kind: 'resident', status: 'green', maskedName: '张*国' });
    expect(((await (await t.app.request(authApi.me.path, { headers: { cookie } })).json()) as { user: { maskedName: string } }).user.maskedName).toBe('张*国');
    const audit = (await s.audit.recent(20)).filter((e) => e.action === 'identity.bind');
    expect(audit.map((e) => [e.target, e.actor])).toEqual([[`person:${person!.id}`, expect.stringContaining('u-new')]]);
    // No personal data in the audit row.
    expect(JSON.stringify(audit)).not.toMatch(/张建国|44010319550301456X/);

    // Bound once: another document, or the same one again, is refused and changes nothing.
    const before = await snapshot(s);
    const again = await bind(t, cookie, grandfather);
    expect([again.status, (await errorOf(again)).code]).toEqual([409, 'identity_already_bound']);
    expect((await bind(t, cookie, { name: '陈小文', documentType: 'hk-macau-permit', documentNumber: 'H12345678', issueCount: '00' })).status).toBe(409);
    expect(await snapshot(s)).toEqual(before);
  });

  it('binds to the person a guardian added (one person per document); the guardian still looks after them', async () => {
    const s = store();
    const t = await setUp(s);
    const parent = await signInAs(t, s, '+8613800000002');
    const added = await t.app.request(membersApi.addMember.path, { method: 'POST', headers: { 'content-type': 'application/json', cookie: parent }, body: JSON.stringify(child) });
    const { member } = (await added.json()) as { member: Member };
    const cookie = await signInAs(t, s, NEW_RESIDENT);
    expect((await bind(t, cookie, child)).status).toBe(200);
    expect((await s.accounts.getUser('u-new'))?.person_id).toBe(member.id);
    expect((await s.holders.guardiansOf(member.id)).map((g) => g.user_id)).toEqual(['u-green']);
    const code = (await (await t.app.request(peopleApi.myCode.path, { headers: { cookie } })).json()) as MyCode;
    expect(code).toMatchObject({ kind: 'resident', maskedName: '张*宝' });
  });

  it('takes a Home Return Permit with its issue count', async () => {
    const s = store();
    const t = await setUp(s);
    const cookie = await signInAs(t, s, NEW_RESIDENT);
    const res = await bind(t, cookie, { name: '陈小文', documentType: 'hk-macau-permit', documentNumber: 'h1234 5678', issueCount: '01' });
    expect(res.status).toBe(200);
    expect(await s.people.personByDocument('hk-macau-permit', 'H12345678')).toMatchObject({ name: '陈小文', kind: 'resident' });
  });

  it('refuses a document another account holds, clearly, and leaves the asker unbound', async () => {
    const s = store();
    const t = await setUp(s);
    const first = await signInAs(t, s, NEW_RESIDENT);
    expect((await bind(t, first, grandfather)).status).toBe(200);
    const second = await signInAs(t, s, OTHER_NEW_RESIDENT);
    const before = await snapshot(s);
    const res = await bind(t, second, { ...grandfather, documentNumber: '44010319550301456X' });
    expect([res.status, await errorOf(res)]).toMatchObject([422, { code: 'identity_rejected', problems: [{ field: 'documentNumber', problem: 'identity-already-registered' }] }]);
    expect(await snapshot(s)).toEqual(before);
  });

  it('lets only one of two phones binding one document at once have it', async () => {
    const s = store();
    const t = await setUp(s);
    const [a, b] = [await signInAs(t, s, NEW_RESIDENT), await signInAs(t, s, OTHER_NEW_RESIDENT)];
    const answers = await Promise.all([bind(t, a, grandfather), bind(t, b, grandfather)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 422]);
    const person = await s.people.personByDocument('mainland-id', '44010319550301456X');
    const bound = [await s.accounts.getUser('u-new'), await s.accounts.getUser('u-new-2')].filter((u) => u?.person_id === person!.id);
    expect(bound).toHaveLength(1);
  });

  it('says which field is wrong and why, and binds nothing', async () => {
    const s = store();
    const t = await setUp(s);
    const cookie = await signInAs(t, s, NEW_RESIDENT);
    const before = await snapshot(s);
    const cases: [Record<string, unknown>, { field: string; problem: string }[]][] = [
      [{ ...grandfather, documentNumber: '440103195503014561' }, [{ field: 'documentNumber', problem: 'id-check-digit' }]],
      [{ ...grandfather, documentNumber: '440103195502304561' }, [{ field: 'documentNumber', problem: 'id-birth-date' }]],
      [{ ...grandfather, name: '张建' }, [{ field: 'name', problem: 'identity-name-mismatch' }]],
      [{ ...grandfather, name: 'Zhang 3' }, [{ field: 'name', problem: 'name-digits' }]],
      [{ ...grandfather, documentNumber: '110101199003070011' }, [{ field: 'documentNumber', problem: 'identity-not-found' }]],
      [{ name: '陈小文', documentType: 'hk-macau-permit', documentNumber: 'H12345678' }, [{ field: 'issueCount', problem: 'issue-count-missing' }]],
      // Travellers' documents are not a resident's: the traveller's page is for them.
      [{ name: 'MARTIN CLAIRE', documentType: 'passport', documentNumber: '19CD67890' }, [{ field: 'documentType', problem: 'identity-resident-document' }]],
      [{ name: '林美玲', documentType: 'taiwan-permit', documentNumber: '12345678' }, [{ field: 'documentType', problem: 'identity-resident-document' }]],
    ];
    for (const [body, problems] of cases) {
      const res = await bind(t, cookie, body);
      expect([res.status, (await errorOf(res)).problems], JSON.stringify(body)).toEqual([422, problems]);
    }
    for (const bad of [{ ...grandfather, extra: 1 }, { ...grandfather, documentType: 'visa' }, {}, { ...grandfather, name: 'A'.repeat(300) }, { ...grandfather, documentNumber: 5 }, [grandfather]]) {
      const res = await bind(t, cookie, bad);
      expect(res.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    const notJson = await t.app.request(ownIdentityApi.bindIdentity.path, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{"name":' });
    expect(notJson.status).toBe(400);
    expect(await snapshot(s)).toEqual(before);
  });

  it('is for signed-in holders only: strangers 401, staff 403, a bound holder 409', async () => {
    const s = store();
    const t = await setUp(s);
    const before = await snapshot(s);
    expect((await bind(t, '', grandfather)).status).toBe(401);
    expect((await bind(t, 'hg_session=forged', grandfather)).status).toBe(401);
    for (const phone of ['+8613800000001', '+8613800000004']) {
      const staff = await signInAs(t, s, phone);
      const res = await bind(t, staff, grandfather);
      expect([res.status, (await errorOf(res)).code]).toEqual([403, 'forbidden']);
    }
    // A holder bound to their own person cannot take someone else's document.
    const bound = await signInAs(t, s, '+8613800000002');
    const res = await bind(t, bound, grandfather);
    expect([res.status, (await errorOf(res)).code]).toEqual([409, 'identity_already_bound']);
    expect(await snapshot(s)).toEqual(before);
  });
});
