import { expect, it } from 'vitest';
import { accountControlApi, type AccountExport, type DeletionReceipt } from '../../shared/api/account.js';
import { authApi } from '../../shared/api/auth.js';
import { pathOf } from '../../shared/api/contract.js';
import { membersApi, type Member } from '../../shared/api/members.js';
import type { Store } from '../store/store.js';
import { lastCodeFor, seedPeople, signInAs, testServer, type TestServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

const HOLDER = '+8613800000002';
const NEW_PHONE = '+8613900000009';

const send = (t: TestServer, method: string, path: string, cookie: string, body?: unknown) =>
  t.app.request(path, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

/** Asks for a code to the account's phone and re-verifies this session with it. */
async function reverify(t: TestServer, store: Store, cookie: string, phone = HOLDER): Promise<void> {
  expect((await send(t, 'POST', accountControlApi.reverifyRequest.path, cookie)).status).toBe(200);
  const res = await send(t, 'POST', accountControlApi.reverify.path, cookie, { code: await lastCodeFor(store, phone) });
  expect(res.status).toBe(200);
  t.clock.advance(61_000); // the next code to this phone may be sent
}

async function seedRecords(store: Store): Promise<void> {
  const r = store.holderRecords;
  await r.addTestResult({ id: 't1', person_id: 'p-green', kind: 'nucleic-acid', result: 'negative', institution: '市第一人民医院', sampled_at: 1000, reported_at: 2000 });
  await r.addEntryRecord({ id: 'e1', person_id: 'p-green', country: 'SG', document_type: 'passport', document_number: 'E12345678', entry_date: '2026-11-01', port: '广州白云机场', transport: 'air', transport_detail: 'CZ352' });
  await r.addHealthNotice({ id: 'n1', person_id: 'p-green', kind: 'observation-release', state: 'released', issuer: '天河区疾控中心', issued_at: 3000, valid_until: null });
  await r.addTestResult({ id: 't-red', person_id: 'p-red', kind: 'nucleic-acid', result: 'positive', institution: 'Other', sampled_at: 1000, reported_at: 2000 });
}

describeStores('account control routes', (store) => {
  async function setup() {
    const t = await testServer(store());
    await seedPeople(store());
    await seedRecords(store());
    const cookie = await signInAs(t, store(), HOLDER);
    const other = await signInAs(t, store(), HOLDER);
    return { t, cookie, other };
  }

  it('refuses to unbind without a fresh SMS code, unbinds with one, ends every session and frees the number', async () => {
    const { t, cookie, other } = await setup();
    const refused = await send(t, 'DELETE', accountControlApi.unbindPhone.path, cookie);
    expect([refused.status, await errorCode(refused)]).toEqual([403, 'reverify_required']);
    // A wrong code does not re-verify.
    await send(t, 'POST', accountControlApi.reverifyRequest.path, cookie);
    const code = await lastCodeFor(store(), HOLDER);
    const wrong = await send(t, 'POST', accountControlApi.reverify.path, cookie, { code: String((Number(code) + 1) % 1e6).padStart(6, '0') });
    expect([wrong.status, await errorCode(wrong)]).toEqual([400, 'otp_invalid']);
    expect((await send(t, 'DELETE', accountControlApi.unbindPhone.path, cookie)).status).toBe(403);
    // The warning page: what stops working, and that this session is not fresh.
    const info = await send(t, 'GET', accountControlApi.phone.path, cookie);
    expect(await info.json()).toMatchObject({ phone: HOLDER, records: 3, familyMembers: 0, freshUntil: null });

    t.clock.advance(61_000);
    await reverify(t, store(), cookie);
    // Fresh on this session only.
    expect((await send(t, 'DELETE', accountControlApi.unbindPhone.path, other)).status).toBe(403);
    const done = await send(t, 'DELETE', accountControlApi.unbindPhone.path, cookie);
    expect([done.status, await done.json()]).toEqual([200, { ok: true }]);
    expect(done.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    for (const c of [cookie, other]) expect((await send(t, 'GET', authApi.me.path, c)).status).toBe(401);
    expect(await store().accounts.usersByPhone(HOLDER)).toEqual([]);
    expect((await store().audit.recent(5)).map((e) => [e.action, e.target])).toContainEqual(['account.unbind-phone', 'account:u-green']);
    // The person and their records stay, under the account, for binding again.
    expect((await store().people.getPerson('p-green'))?.name).toBe('张小明');
  });

  it('counts a re-verification as fresh for 5 minutes only', async () => {
    const { t, cookie } = await setup();
    await reverify(t, store(), cookie);
    expect(((await (await send(t, 'GET', accountControlApi.phone.path, cookie)).json()) as { freshUntil: number | null }).freshUntil).toBeGreaterThan(t.clock.t);
    t.clock.advance(5 * 60_000);
    const late = await send(t, 'DELETE', accountControlApi.unbindPhone.path, cookie);
    expect([late.status, await errorCode(late)]).toEqual([403, 'reverify_required']);
  });

  it('changes the phone with a code texted to the new number, then ends every session', async () => {
    const { t, cookie } = await setup();
    const early = await send(t, 'POST', accountControlApi.newPhoneRequest.path, cookie, { phone: NEW_PHONE });
    expect([early.status, await errorCode(early)]).toEqual([403, 'reverify_required']);
    await reverify(t, store(), cookie);
    const taken = await send(t, 'POST', accountControlApi.newPhoneRequest.path, cookie, { phone: '+8613800000003' });
    expect([taken.status, await errorCode(taken)]).toEqual([409, 'phone_taken']);
    expect((await send(t, 'POST', accountControlApi.newPhoneRequest.path, cookie, { phone: '139 0000 0009' })).status).toBe(200);
    const code = await lastCodeFor(store(), NEW_PHONE);
    const wrong = await send(t, 'PUT', accountControlApi.changePhone.path, cookie, { phone: NEW_PHONE, code: String((Number(code) + 1) % 1e6).padStart(6, '0') });
    expect(wrong.status).toBe(400);
    const changed = await send(t, 'PUT', accountControlApi.changePhone.path, cookie, { phone: NEW_PHONE, code });
    expect(changed.status).toBe(200);
    expect((await send(t, 'GET', authApi.me.path, cookie)).status).toBe(401);
    expect(await store().accounts.usersByPhone(HOLDER)).toEqual([]);
    t.clock.advance(61_000);
    const again = await signInAs(t, store(), NEW_PHONE);
    expect(await (await send(t, 'GET', authApi.me.path, again)).json()).toMatchObject({ user: { id: 'u-green', maskedName: '张*明' } });
    expect((await store().audit.recent(5)).map((e) => e.action)).toContain('account.change-phone');
  });

  it('exports everything held about the person as JSON and the records as CSV, audited', async () => {
    const { t, cookie } = await setup();
    const res = await send(t, 'GET', accountControlApi.exportJson.path, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename/);
    const data = (await res.json()) as AccountExport;
    expect(data.account).toMatchObject({ id: 'u-green', phone: HOLDER, role: 'holder' });
    expect(data.person).toMatchObject({ id: 'p-green', name: '张小明' });
    expect(data.records?.tests.map((x) => x.id)).toEqual(['t1']);
    expect(data.records?.entries[0]).toMatchObject({ documentNumber: 'E12345678', port: '广州白云机场' });
    expect(data.records?.notices[0]).toMatchObject({ kind: 'observation-release', state: 'released' });
    expect(data.sessions.length).toBe(2);
    expect(JSON.stringify(data)).not.toContain('t-red'); // nobody else's
    const csv = await send(t, 'GET', `${accountControlApi.exportCsv.path}?lang=en`, cookie);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, for spreadsheet programs
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe('Person,Kind,Time (UTC),What,Where,Result');
    expect(text).toContain('张小明,Nucleic-acid test,1970-01-01T00:00:01.000Z,Nucleic-acid test,市第一人民医院,negative');
    expect(text).toContain('SG · passport E12345678');
    expect((await store().audit.recent(5)).map((e) => e.action)).toContain('account.export');
  });

  it('exports the family too: each member the account looks after with identity, printed codes and reprint count, status history and records', async () => {
    const { t, cookie } = await setup();
    const s = store();
    await s.registry.upsert([{ name: '张小宝', document_type: 'mainland-id', document_number: '440103201806150022', country: 'CN', imported_at: 1 }]);
    const added = await send(t, 'POST', membersApi.addMember.path, cookie, { name: '张小宝', documentType: 'mainland-id', documentNumber: '440103201806150022' });
    const { member } = (await added.json()) as { member: Member };
    await s.holderRecords.addTestResult({ id: 't-child', person_id: member.id, kind: 'antibody', result: 'negative', institution: '儿童医院', sampled_at: 5000, reported_at: 6000 });
    // The health authority's results: the child's are in the family export, the other family's never.
    const feed = [
      'documentType,documentNumber,testKind,result,institution,sampledAt,reportedAt',
      'mainland-id,440103201806150022,nucleic-acid,negative,越秀区采样点,2026-11-27T09:00:00+08:00,2026-11-27T21:00:00+08:00',
      'mainland-id,44010319550301456X,nucleic-acid,negative,别家采样点,2026-11-27T09:00:00+08:00,2026-11-27T21:00:00+08:00',
      '',
    ].join('\n');
    const imported = await t.services.imports.import({ feed: 'test-results', format: 'csv', input: (async function* () { yield new TextEncoder().encode(feed); })(), dryRun: false, channel: 'cli', actor: { kind: 'operator', name: 'test' } });
    expect(imported.report).toMatchObject({ applied: true, accepted: 2 });
    // Printed twice (the first revoked by the second), and the child's own printout once.
    for (const id of [member.id, member.id, 'p-green']) {
      expect((await send(t, 'POST', pathOf(membersApi.printCode.path, { id }), cookie)).status).toBe(200);
      t.clock.advance(1000);
    }
    await t.services.status.setStatus(member.id, 'red', 'close-contact', { kind: 'operator', name: 'test' });
    // Someone else's child: never in this export.
    const other = await signInAs(t, s, '+8613800000003');
    await s.registry.upsert([{ name: '张建国', document_type: 'mainland-id', document_number: '44010319550301456X', country: 'CN', imported_at: 1 }]);
    expect((await send(t, 'POST', membersApi.addMember.path, other, { name: '张建国', documentType: 'mainland-id', documentNumber: '44010319550301456X' })).status).toBe(200);

    const data = (await (await send(t, 'GET', accountControlApi.exportJson.path, cookie)).json()) as AccountExport;
    expect(data.person).toMatchObject({ id: 'p-green', name: '张小明', printCount: 1, printedCodes: [{ seq: 1, revokedAt: null }] });
    expect(data.familyMembers).toHaveLength(1);
    const child = data.familyMembers[0]!;
    expect(child).toMatchObject({ id: member.id, relation: 'family', name: '张小宝', documentType: 'mainland-id', documentNumber: '440103201806150022', kind: 'resident', status: 'red', reason: 'close-contact', printCount: 2 });
    // The reprint revoked the first printout; the status change then revoked the second.
    expect(child.printedCodes.map((c) => [c.seq, c.revokedAt !== null])).toEqual([[1, true], [2, true]]);
    expect(child.statusHistory).toEqual([expect.objectContaining({ fromStatus: 'green', status: 'red', reason: 'close-contact', cause: 'manual' })]);
    expect(JSON.stringify(child.statusHistory)).not.toContain('test'); // the operator is not the person's data
    expect(child.records.tests.map((x) => [x.institution, x.source ?? 'record'])).toEqual([
      ['越秀区采样点', 'authority'],
      ['儿童医院', 'record'],
    ]);
    expect(JSON.stringify(data)).not.toContain('别家采样点');
    expect(JSON.stringify(data)).not.toContain('张建国');
    // The warning before unbinding counts them.
    expect(((await (await send(t, 'GET', accountControlApi.phone.path, cookie)).json()) as { familyMembers: number }).familyMembers).toBe(1);

    const text = await (await send(t, 'GET', `${accountControlApi.exportCsv.path}?lang=en`, cookie)).text();
    expect(text).toContain('张小宝,Antibody test,1970-01-01T00:00:05.000Z,Antibody test,儿童医院,negative');
    expect(text).toContain('张小宝,Nucleic-acid test,2026-11-27T01:00:00.000Z,Nucleic-acid test · from the health authority,越秀区采样点,negative');
    expect(text).not.toContain('别家采样点');
    expect(text).toMatch(/张小宝,Printed code,[^,]+,print no\. 1,,revoked /);
    expect(text).toMatch(/张小明,Printed code,[^,]+,print no\. 1,,valid until /);
    expect(text).not.toContain('张建国');
    const zh = await (await send(t, 'GET', accountControlApi.exportCsv.path, cookie)).text();
    expect(zh.split('\r\n')[0]).toBe('姓名,类别,时间 (UTC),内容,地点/机构,结果');
    expect(zh).toContain('张小宝,打印健康码');
    expect(zh).toContain('核酸检测 · 卫生健康部门推送,越秀区采样点,阴性');
  });

  it('deletes the account after a fresh code: personal data gone, public-health records kept under a pseudonym, a receipt', async () => {
    const { t, cookie } = await setup();
    expect(await errorCode(await send(t, 'DELETE', accountControlApi.deleteAccount.path, cookie))).toBe('reverify_required');
    await reverify(t, store(), cookie);
    const res = await send(t, 'DELETE', accountControlApi.deleteAccount.path, cookie);
    expect(res.status).toBe(200);
    const receipt = (await res.json()) as DeletionReceipt;
    expect(receipt).toMatchObject({ pseudonym: 'p-green', deleted: expect.arrayContaining(['phone-number', 'name']), keptPseudonymised: expect.arrayContaining(['test-results']) });
    expect((await send(t, 'GET', authApi.me.path, cookie)).status).toBe(401);
    expect(await store().accounts.usersByPhone(HOLDER)).toEqual([]);
    expect(await store().people.getPerson('p-green')).toMatchObject({ name: '', document_no: null, sub: 'Z3JlZW4tMDE' });
    expect((await store().holderRecords.testsOf('p-green')).map((x) => x.id)).toEqual(['t1']);
    expect((await store().holderRecords.entriesOf('p-green'))[0]?.document_number).toBe('');
    expect(await store().accountControl.deletionOf('u-green')).toMatchObject({ receipt_id: receipt.receiptId });
    const audit = (await store().audit.recent(5)).find((e) => e.action === 'account.delete');
    expect(audit?.detail).toContain(receipt.receiptId);
    expect(audit?.detail).not.toContain('张');
    // The number is unknown now: asking to sign in with it texts nothing.
    t.clock.advance(61_000);
    const texted = (await store().devSms.recent(HOLDER, 50)).length;
    await t.app.request(authApi.otpRequest.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: HOLDER }) });
    expect((await store().devSms.recent(HOLDER, 50)).length).toBe(texted);
  });

  it('is for holders only, and refuses bad input', async () => {
    const { t, cookie } = await setup();
    const inspector = await signInAs(t, store(), '+8613800000001');
    for (const e of [accountControlApi.phone, accountControlApi.exportJson, accountControlApi.exportCsv]) {
      expect((await send(t, e.method, e.path, inspector)).status, e.path).toBe(403);
      expect((await send(t, e.method, e.path, '')).status, e.path).toBe(401);
    }
    expect((await send(t, 'DELETE', accountControlApi.deleteAccount.path, inspector)).status).toBe(403);
    expect((await send(t, 'DELETE', accountControlApi.unbindPhone.path, inspector)).status).toBe(403);
    expect(await errorCode(await send(t, 'POST', accountControlApi.reverify.path, cookie, { code: '12345' }))).toBe('validation_failed');
    expect(await errorCode(await send(t, 'POST', accountControlApi.reverify.path, cookie, { code: '123456', extra: 1 }))).toBe('unknown_field');
    await reverify(t, store(), cookie);
    expect(await errorCode(await send(t, 'PUT', accountControlApi.changePhone.path, cookie, { phone: 'not a phone', code: '123456' }))).toBe('validation_failed');
    expect(await errorCode(await send(t, 'GET', `${accountControlApi.exportCsv.path}?lang=fr`, cookie))).toBe('validation_failed');
  });
});
