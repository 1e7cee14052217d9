// Travellers and members through the real routes: sign-up with the name rules, the texted link
// (spent only by the page's POST), signing in, companions and family members with their own codes.

import { expect, it } from 'vitest';
import { membersApi, type Member } from '../../shared/api/members.js';
import { travellersApi } from '../../shared/api/travellers.js';
import { pathOf } from '../../shared/api/contract.js';
import type { MyCode } from '../../shared/api/people.js';
import { peopleApi } from '../../shared/api/people.js';
import { DEMO_REGISTRY } from '../demo/seed.js';
import { seedPeople, signInAs, testServer, type TestServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';
import type { Store } from '../store/store.js';

const TRAVELLER_PHONE = '+447700900123';
const jsonInit = (method: string, body: unknown, cookie?: string): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
  body: JSON.stringify(body),
});
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; problems?: { field: string; problem: string }[] } }).error;

async function setUp(s: Store): Promise<TestServer> {
  const t = await testServer(s);
  await seedPeople(s);
  await s.registry.upsert(DEMO_REGISTRY.map((r) => ({ ...r, imported_at: 1 })));
  return t;
}

const jeanPaul = { name: '  jean-paul   martin ', country: 'FR', documentType: 'passport', documentNumber: '18av12345', phone: TRAVELLER_PHONE };

async function signUp(t: TestServer, body: unknown = jeanPaul): Promise<Response> {
  return t.app.request(`https://hg.example${travellersApi.signUp.path}`, { ...jsonInit('POST', body), headers: { 'content-type': 'application/json', origin: 'https://hg.example' } });
}

async function linkTokenOf(s: Store, phone: string): Promise<string> {
  const [msg] = await s.devSms.recent(phone, 1);
  const m = msg?.body.match(/https:\/\/hg\.example\/travel\/return\?k=([A-Za-z0-9_-]{43})/);
  if (!m) throw new Error(`no link texted to ${phone}: ${msg?.body}`);
  return m[1]!;
}

describeStores('travellers', (store) => {
  it('signs up a traveller typed in lower case, surname last, with a hyphen and stray spaces, and texts a link that only a POST spends', async () => {
    const s = store();
    const t = await setUp(s);
    const res = await signUp(t);
    expect([res.status, await res.json()]).toEqual([200, { sent: true }]);
    const token = await linkTokenOf(s, TRAVELLER_PHONE);
    const person = await s.people.personByDocument('passport', '18AV12345');
    expect(person).toMatchObject({ name: 'MARTIN JEAN PAUL', kind: 'traveller', country: 'FR', status: 'green' });

    // Fetching the link (a link preview) serves the page and spends nothing.
    await t.app.request(`/travel/return?k=${token}`);
    const open = await t.app.request(travellersApi.openLink.path, jsonInit('POST', { token }));
    expect([open.status, await open.json()]).toEqual([200, { maskedPhone: '+4477****0123' }]);
    const again = await t.app.request(travellersApi.openLink.path, jsonInit('POST', { token }));
    expect([again.status, (await errorOf(again)).code]).toEqual([404, 'not_found']);

    // Then phone + SMS code, then the code: a traveller's code.
    t.clock.advance(61_000);
    const cookie = await signInAs(t, s, TRAVELLER_PHONE);
    const code = (await (await t.app.request(peopleApi.myCode.path, { headers: { cookie } })).json()) as MyCode;
    expect(code).toMatchObject({ kind: 'traveller', status: 'green', maskedName: 'M* J* P*' });
  });

  it('gives the same traveller from the same phone a new link, refuses another phone, and tells a taken phone only its owner', async () => {
    const s = store();
    const t = await setUp(s);
    expect((await signUp(t)).status).toBe(200);
    const first = await linkTokenOf(s, TRAVELLER_PHONE);
    t.clock.advance(1000);
    expect((await signUp(t, { ...jeanPaul, name: 'MARTIN JEAN PAUL' })).status).toBe(200);
    expect(await linkTokenOf(s, TRAVELLER_PHONE)).not.toBe(first);
    expect((await s.accounts.usersByPhone(TRAVELLER_PHONE)).length).toBe(1);

    const otherPhone = await signUp(t, { ...jeanPaul, phone: '+447700900999' });
    expect([otherPhone.status, await errorOf(otherPhone)]).toMatchObject([422, { code: 'identity_rejected', problems: [{ field: 'documentNumber', problem: 'identity-already-registered' }] }]);
    // A phone with someone else's account: the answer a sign-up gets (the page tells nobody whether a
    // number has an account), nothing made, and the phone's owner is told by text.
    const taken = await signUp(t, { ...jeanPaul, name: 'martin claire', documentNumber: '19CD67890', phone: '+8613800000002' });
    expect(taken.status).toBe(200);
    expect(await s.people.personByDocument('passport', '19CD67890')).toBeUndefined();
    expect((await s.accounts.usersByPhone('+8613800000002')).map((u) => u.person_id)).toEqual(['p-green']);
    expect((await s.devSms.recent('+8613800000002', 1))[0]?.body).toMatch(/already has an account.*\/signin/);
    expect(await s.accounts.usersByPhone('+447700900999')).toEqual([]);
  });

  it('says which field is wrong and why, creating nothing', async () => {
    const s = store();
    const t = await setUp(s);
    const cases: [Record<string, unknown>, { field: string; problem: string }[]][] = [
      [{ name: 'J0hn', documentNumber: '18-AV' }, [{ field: 'name', problem: 'name-digits' }, { field: 'documentNumber', problem: 'passport-characters' }]],
      [{ documentNumber: 'X9999999' }, [{ field: 'documentNumber', problem: 'identity-not-found' }]],
      [{ name: 'Claire Martin' }, [{ field: 'name', problem: 'identity-name-mismatch' }]],
      [{ documentType: 'hk-macau-permit', documentNumber: 'H12345678', name: '陈小文' }, [{ field: 'issueCount', problem: 'issue-count-missing' }]],
      [{ documentType: 'mainland-id', documentNumber: '440103201806150023', name: '张小宝' }, [{ field: 'documentNumber', problem: 'id-check-digit' }]],
    ];
    for (const [change, problems] of cases) {
      const res = await signUp(t, { ...jeanPaul, ...change });
      expect([res.status, (await errorOf(res)).problems], JSON.stringify(change)).toEqual([422, problems]);
    }
    // The permit with its issue count passes: the passport changed after entry is the same rule (the registry's number).
    expect((await signUp(t, { ...jeanPaul, documentType: 'hk-macau-permit', documentNumber: 'H12345678', issueCount: '01', name: '陈小文', country: 'HK', phone: '+85291234567' })).status).toBe(200);
    for (const bad of [{ ...jeanPaul, country: 'XX' }, { ...jeanPaul, phone: '12' }, { ...jeanPaul, documentType: 'visa' }, { ...jeanPaul, extra: 1 }, { ...jeanPaul, name: 'A'.repeat(300) }]) {
      const res = await signUp(t, bad);
      expect(res.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    expect(await s.people.personByDocument('passport', '18AV12345')).toBeUndefined();
  });

  it('refuses an unknown, malformed or expired link the same way', async () => {
    const s = store();
    const t = await setUp(s);
    expect((await signUp(t)).status).toBe(200);
    const token = await linkTokenOf(s, TRAVELLER_PHONE);
    const unknown = await t.app.request(travellersApi.openLink.path, jsonInit('POST', { token: 'A'.repeat(43) }));
    expect(unknown.status).toBe(404);
    expect((await t.app.request(travellersApi.openLink.path, jsonInit('POST', { token: 'short' }))).status).toBe(400);
    t.clock.advance(31 * 24 * 3_600_000);
    const expired = await t.app.request(travellersApi.openLink.path, jsonInit('POST', { token }));
    expect(expired.status).toBe(404);
  });

  it('limits sign-ups per network', async () => {
    const s = store();
    const t = await setUp(s);
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) last = await signUp(t, { ...jeanPaul, documentNumber: `X${String(i).padStart(7, '0')}`, phone: `+44770090${String(i).padStart(4, '0')}` });
    expect([last!.status, (await errorOf(last!)).code]).toEqual([429, 'rate_limited']);
  });
});

describeStores('members', (store) => {
  const add = (t: TestServer, cookie: string, body: unknown) => t.app.request(membersApi.addMember.path, jsonInit('POST', body, cookie));
  const child = { name: '张小宝', documentType: 'mainland-id', documentNumber: '440103 20180615 0022' };

  it('lets a resident add a family member with their own dependant code; a second guardian adds the same person', async () => {
    const s = store();
    const t = await setUp(s);
    const parent = await signInAs(t, s, '+8613800000002');
    const res = await add(t, parent, child);
    expect(res.status).toBe(200);
    const { member } = (await res.json()) as { member: Member };
    expect(member).toMatchObject({ relation: 'family', kind: 'dependent', maskedName: '张*宝' });
    // Adding again is harmless.
    expect(((await (await add(t, parent, child)).json()) as { member: Member }).member.id).toBe(member.id);
    const list = (await (await t.app.request(membersApi.members.path, { headers: { cookie: parent } })).json()) as { members: Member[] };
    expect(list.members.map((m) => [m.relation, m.maskedName])).toEqual([
      ['self', '张*明'],
      ['family', '张*宝'],
    ]);
    const code = (await (await t.app.request(pathOf(membersApi.memberCode.path, { id: member.id }), { headers: { cookie: parent } })).json()) as MyCode;
    expect(code).toMatchObject({ kind: 'dependent', maskedName: '张*宝', status: 'green' });
    const own = (await (await t.app.request(peopleApi.myCode.path, { headers: { cookie: parent } })).json()) as MyCode;
    expect(own.kind).toBe('resident');

    const other = await signInAs(t, s, '+8613800000003');
    const second = (await (await add(t, other, { ...child, documentNumber: '440103201806150022' })).json()) as { member: Member };
    expect(second.member.id).toBe(member.id);
    expect((await s.holders.guardiansOf(member.id)).length).toBe(2);
    // A status change reaches the child's code on both phones: one person.
    await t.services.status.setStatus(member.id, 'red', 'close-contact', { kind: 'operator', name: 'test' });
    for (const cookie of [parent, other]) {
      const c = (await (await t.app.request(pathOf(membersApi.memberCode.path, { id: member.id }), { headers: { cookie } })).json()) as MyCode;
      expect(c).toMatchObject({ status: 'red', reason: 'close-contact' });
    }
  });

  it('gives a traveller companions with traveller codes, and refuses their own document', async () => {
    const s = store();
    const t = await setUp(s);
    expect((await signUp(t)).status).toBe(200);
    t.clock.advance(61_000);
    const traveller = await signInAs(t, s, TRAVELLER_PHONE);
    const res = await add(t, traveller, { name: 'claire martin', documentType: 'passport', documentNumber: '19CD67890' });
    const { member } = (await res.json()) as { member: Member };
    expect(member).toMatchObject({ relation: 'companion', kind: 'traveller', maskedName: 'M* C*' });
    const code = (await (await t.app.request(pathOf(membersApi.memberCode.path, { id: member.id }), { headers: { cookie: traveller } })).json()) as MyCode;
    expect(code.kind).toBe('traveller');
    const self = await add(t, traveller, { name: 'MARTIN JEAN PAUL', documentType: 'passport', documentNumber: '18AV12345' });
    expect([self.status, (await errorOf(self)).problems]).toEqual([422, [{ field: 'documentNumber', problem: 'identity-is-you' }]]);
  });

  it('keeps members to their guardians: strangers, staff and other holders get nothing', async () => {
    const s = store();
    const t = await setUp(s);
    const parent = await signInAs(t, s, '+8613800000002');
    const { member } = (await (await add(t, parent, child)).json()) as { member: Member };
    const codePath = pathOf(membersApi.memberCode.path, { id: member.id });
    expect((await t.app.request(codePath)).status).toBe(401);
    expect((await t.app.request(membersApi.members.path)).status).toBe(401);
    expect((await add(t, '', child)).status).toBe(401);
    const inspector = await signInAs(t, s, '+8613800000001');
    expect((await t.app.request(codePath, { headers: { cookie: inspector } })).status).toBe(403);
    expect((await add(t, inspector, child)).status).toBe(403);
    const stranger = await signInAs(t, s, '+8613800000003');
    const theirs = await t.app.request(codePath, { headers: { cookie: stranger } });
    expect([theirs.status, (await errorOf(theirs)).code]).toEqual([404, 'not_found']);
    expect((await t.app.request(pathOf(membersApi.memberCode.path, { id: 'p-green' }), { headers: { cookie: stranger } })).status).toBe(404);
    expect((await t.app.request(pathOf(membersApi.removeMember.path, { id: member.id }), { method: 'DELETE', headers: { cookie: stranger } })).status).toBe(404);
    // The guardian stops looking after the child: the code is gone for them, the person stays.
    expect((await t.app.request(pathOf(membersApi.removeMember.path, { id: member.id }), { method: 'DELETE', headers: { cookie: parent } })).status).toBe(200);
    expect((await t.app.request(codePath, { headers: { cookie: parent } })).status).toBe(404);
    expect(await s.people.getPerson(member.id)).toBeDefined();
    for (const bad of [{ ...child, extra: 1 }, { ...child, documentType: 'visa' }, {}]) expect((await add(t, parent, bad)).status).toBe(400);
    const wrong = await add(t, parent, { ...child, name: '张小明' });
    expect((await errorOf(wrong)).problems).toEqual([{ field: 'name', problem: 'identity-name-mismatch' }]);
  });
});
