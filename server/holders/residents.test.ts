// Residents signing up through the real routes: the registry check, then an SMS code to a phone the
// server did not know, and only then an account bound to the person, signed in, with a green code.
// The same answer for known and unknown numbers; the traveller's limits; refused requests change nothing.

import { expect, it } from 'vitest';
import { authApi } from '../../shared/api/auth.js';
import { membersApi } from '../../shared/api/members.js';
import { peopleApi, type MyCode } from '../../shared/api/people.js';
import { residentsApi } from '../../shared/api/residents.js';
import { DEMO_REGISTRY } from '../demo/seed.js';
import type { Store } from '../store/store.js';
import { lastCodeFor, seedPeople, signInAs, testServer, type TestServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';
import { TRAVELLER_RULES } from './travellers.js';

const PHONE = '+8613900000031';
const wangFang = { name: '王芳', documentType: 'mainland-id', documentNumber: '440106 19900712 0029', phone: '139 0000 0031' };
const chen = { name: '陈小文', documentType: 'hk-macau-permit', documentNumber: 'H12345678', issueCount: '01', phone: '+85291234567' };

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; problems?: { field: string; problem: string }[] } }).error;

async function setUp(s: Store): Promise<TestServer> {
  const t = await testServer(s);
  await seedPeople(s);
  await s.registry.upsert(DEMO_REGISTRY.map((r) => ({ ...r, imported_at: 1 })));
  return t;
}

const post = (t: TestServer, path: string, body: unknown, cookie?: string) =>
  t.app.request(`https://hg.example${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://hg.example', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
const signUp = (t: TestServer, body: unknown) => post(t, residentsApi.signUp.path, body);
const verify = (t: TestServer, body: unknown) => post(t, residentsApi.verify.path, body);

/** Accounts, people, texts and sign-up audit entries: what a refused request must leave as it was. */
async function snapshot(s: Store) {
  const texts = (await Promise.all([PHONE, chen.phone, '+8613800000002', '+8613800000003'].map((p) => s.devSms.recent(p, 100)))).flat().length;
  const people = await Promise.all(DEMO_REGISTRY.map((r) => s.people.personByDocument(r.document_type, r.document_number)));
  const users = await Promise.all([PHONE, chen.phone].map((p) => s.accounts.usersByPhone(p)));
  return { texts, people, users, audit: (await s.audit.recent(1000)).filter((e) => e.action === 'resident.sign-up').length };
}

describeStores('resident sign-up', (store) => {
  it('checks the identity, texts a code to a new number, and only with the code makes the account, bound and signed in', async () => {
    const s = store();
    const t = await setUp(s);
    const res = await signUp(t, wangFang);
    expect([res.status, await res.json()]).toEqual([200, { sent: true, resendAfterSec: 60, expiresInSec: 300 }]);
    // A code went to the number; no account and no person exist yet.
    const code = await lastCodeFor(s, PHONE);
    expect(await s.accounts.usersByPhone(PHONE)).toEqual([]);
    expect(await s.people.personByDocument('mainland-id', '440106199007120029')).toBeUndefined();
    // A wrong code makes nothing.
    const wrong = await verify(t, { ...wangFang, code: String((Number(code) + 1) % 1e6).padStart(6, '0') });
    expect([wrong.status, (await errorOf(wrong)).code]).toEqual([400, 'otp_invalid']);
    expect(await s.accounts.usersByPhone(PHONE)).toEqual([]);

    const done = await verify(t, { ...wangFang, code });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ user: { role: 'holder', maskedName: '*芳' } });
    const cookie = done.headers.get('set-cookie')!.split(';')[0]!;
    const [user] = await s.accounts.usersByPhone(PHONE);
    const person = await s.people.personByDocument('mainland-id', '440106199007120029');
    expect(person).toMatchObject({ name: '王芳', kind: 'resident', status: 'green' });
    expect(user).toMatchObject({ role: 'holder', person_id: person!.id });
    const myCode = (await (await t.app.request(peopleApi.myCode.path, { headers: { cookie } })).json()) as MyCode;
    expect(myCode).toMatchObject({ kind: 'resident', status: 'green', maskedName: '*芳' });
    expect((await s.audit.recent(10)).map((e) => [e.action, e.target])).toContainEqual(['resident.sign-up', `person:${person!.id}`]);
    // The code is spent; the same account signs in again by the usual SMS code from now on.
    expect((await verify(t, { ...wangFang, code })).status).toBe(400);
    t.clock.advance(61_000);
    const again = await signInAs(t, s, PHONE);
    expect(await (await t.app.request(authApi.me.path, { headers: { cookie: again } })).json()).toMatchObject({ user: { id: user!.id } });
  });

  it('answers a known number as an unknown one, and after the code signs its owner in or says the number is taken', async () => {
    const s = store();
    const t = await setUp(s);
    const unknown = await signUp(t, chen);
    // +8613800000002 already has an account (张小明's): the same answer, a code to its owner, nothing made.
    const known = await signUp(t, { ...wangFang, phone: '+8613800000002' });
    expect([known.status, await known.json()]).toEqual([unknown.status, await unknown.json()]);
    expect(await s.people.personByDocument('mainland-id', '440106199007120029')).toBeUndefined();
    const taken = await verify(t, { ...wangFang, phone: '+8613800000002', code: await lastCodeFor(s, '+8613800000002') });
    expect([taken.status, (await errorOf(taken)).problems]).toEqual([422, [{ field: 'phone', problem: 'phone-taken' }]]);
    expect(await s.people.personByDocument('mainland-id', '440106199007120029')).toBeUndefined();
    expect((await s.accounts.usersByPhone('+8613800000002')).map((u) => u.person_id)).toEqual(['p-green']);

    // A phone with an account but no person yet (signed in before, never bound): bound now.
    await s.accounts.createUser({ id: 'u-unbound', phone: '+8613900000032', role: 'holder', person_id: null, created_at: 1 });
    t.clock.advance(61_000);
    expect((await signUp(t, { ...wangFang, phone: '+8613900000032' })).status).toBe(200);
    const bound = await verify(t, { ...wangFang, phone: '+8613900000032', code: await lastCodeFor(s, '+8613900000032') });
    expect(bound.status).toBe(200);
    expect((await s.accounts.getUser('u-unbound'))?.person_id).toBe((await s.people.personByDocument('mainland-id', '440106199007120029'))?.id);
    // Once the document is held, another number is refused at the number before any code is texted.
    t.clock.advance(61_000);
    const before = await snapshot(s);
    const other = await signUp(t, { ...wangFang, phone: PHONE });
    expect([other.status, (await errorOf(other)).problems]).toEqual([422, [{ field: 'documentNumber', problem: 'identity-already-registered' }]]);
    expect(await snapshot(s)).toEqual(before);
  });

  it('binds a family member a guardian added: one person, still looked after', async () => {
    const s = store();
    const t = await setUp(s);
    const guardian = await signInAs(t, s, '+8613800000002');
    const added = await post(t, membersApi.addMember.path, { name: '张建国', documentType: 'mainland-id', documentNumber: '44010319550301456X' }, guardian);
    expect(added.status).toBe(200);
    const grandpa = { name: '张建国', documentType: 'mainland-id', documentNumber: '44010319550301456X', phone: PHONE };
    expect((await signUp(t, grandpa)).status).toBe(200);
    expect((await verify(t, { ...grandpa, code: await lastCodeFor(s, PHONE) })).status).toBe(200);
    const person = await s.people.personByDocument('mainland-id', '44010319550301456X');
    expect((await s.accounts.usersByPhone(PHONE))[0]?.person_id).toBe(person?.id);
    expect((await s.holders.guardiansOf(person!.id)).map((g) => g.user_id)).toEqual(['u-green']);
  });

  it('says which field is wrong and why, texting nobody and making nothing', async () => {
    const s = store();
    const t = await setUp(s);
    const before = await snapshot(s);
    const cases: [Record<string, unknown>, { field: string; problem: string }[]][] = [
      [{ name: '王方' }, [{ field: 'name', problem: 'identity-name-mismatch' }]],
      [{ documentNumber: '440106199007120028' }, [{ field: 'documentNumber', problem: 'id-check-digit' }]],
      [{ documentNumber: '440104198507220037' }, [{ field: 'documentNumber', problem: 'identity-not-found' }]],
      [{ name: 'MARTIN CLAIRE', documentType: 'passport', documentNumber: '19CD67890' }, [{ field: 'documentType', problem: 'identity-resident-document' }]],
      [{ ...chen, issueCount: undefined }, [{ field: 'issueCount', problem: 'issue-count-missing' }]],
    ];
    for (const [change, problems] of cases) {
      const res = await signUp(t, { ...wangFang, ...change });
      expect([res.status, (await errorOf(res)).problems], JSON.stringify(change)).toEqual([422, problems]);
    }
    for (const bad of [{ ...wangFang, phone: '12' }, { ...wangFang, documentType: 'visa' }, { ...wangFang, extra: 1 }, { ...wangFang, name: 'A'.repeat(300) }, { phone: PHONE }, 'text']) {
      expect((await signUp(t, bad)).status, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    for (const bad of [{ ...wangFang }, { ...wangFang, code: '12345' }, { ...wangFang, code: '123456', remember: 'yes' }]) {
      expect((await verify(t, bad)).status, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    // A verify without a code ever sent, and a name the registry does not hold, make nothing either.
    expect((await verify(t, { ...wangFang, code: '123456' })).status).toBe(400);
    expect((await verify(t, { ...wangFang, name: '王方', code: '123456' })).status).toBe(422);
    expect(await snapshot(s)).toEqual(before);
  });

  it('shares the traveller’s sign-up limits, and the SMS code’s', async () => {
    const s = store();
    const t = await setUp(s);
    expect((await signUp(t, wangFang)).status).toBe(200);
    // A second code within a minute: the OTP's resend rule.
    const soon = await signUp(t, wangFang);
    expect([soon.status, (await errorOf(soon)).code]).toEqual([429, 'otp_resend_too_soon']);
    for (let i = 2; i < TRAVELLER_RULES.signUpsPerPhonePerDay; i++) {
      t.clock.advance(61_000);
      expect((await signUp(t, wangFang)).status).toBe(200);
    }
    t.clock.advance(61_000);
    const limited = await signUp(t, wangFang);
    expect([limited.status, (await errorOf(limited)).code]).toEqual([429, 'rate_limited']);
  });

  it('signs in the resident’s own account on a phone that also holds a staff account, which the phone’s sign-in still opens', async () => {
    const s = store();
    const t = await setUp(s);
    const INSPECTOR = '+8613800000001';
    const [staff] = await s.accounts.usersByPhone(INSPECTOR);
    expect((await signUp(t, { ...wangFang, phone: INSPECTOR })).status).toBe(200);
    const res = await verify(t, { ...wangFang, phone: INSPECTOR, code: await lastCodeFor(s, INSPECTOR) });
    expect([res.status, await res.json()]).toEqual([200, { user: { id: expect.not.stringMatching(staff!.id), role: 'holder', maskedName: '*芳' } }]);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const code = (await (await t.app.request(peopleApi.myCode.path, { headers: { cookie } })).json()) as MyCode;
    expect(code).toMatchObject({ kind: 'resident', status: 'green', maskedName: '*芳' });
    // The staff account is as it was, beside the new one.
    const accounts = await s.accounts.usersByPhone(INSPECTOR);
    expect(accounts.map((u) => u.role).sort()).toEqual(['holder', 'inspector']);
    expect(accounts.find((u) => u.role === 'inspector')).toEqual(staff);
    // Signing in by phone opens the staff account, as before; the resident's sign-up finds their own again.
    t.clock.advance(61_000);
    const work = await signInAs(t, s, INSPECTOR);
    expect(await (await t.app.request(authApi.me.path, { headers: { cookie: work } })).json()).toMatchObject({ user: { role: 'inspector' } });
    expect((await signUp(t, { ...wangFang, phone: INSPECTOR })).status).toBe(200);
    const again = await verify(t, { ...wangFang, phone: INSPECTOR, code: await lastCodeFor(s, INSPECTOR) });
    expect(await again.json()).toMatchObject({ user: { role: 'holder', maskedName: '*芳' } });
  });

  it('is open to anyone, and a signed-in staff member signing up a resident gets the resident’s session', async () => {
    const s = store();
    const t = await setUp(s);
    const inspector = await signInAs(t, s, '+8613800000001');
    expect((await post(t, residentsApi.signUp.path, wangFang, inspector)).status).toBe(200);
    const res = await post(t, residentsApi.verify.path, { ...wangFang, code: await lastCodeFor(s, PHONE) }, inspector);
    expect(await res.json()).toMatchObject({ user: { role: 'holder', maskedName: '*芳' } });
    // The old session ended with the new one (an old cookie is worth nothing after a sign-in).
    expect((await t.app.request(authApi.me.path, { headers: { cookie: inspector } })).status).toBe(401);
  });
});
