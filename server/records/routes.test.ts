import { expect, it } from 'vitest';
import { pathOf } from '../../shared/api/contract.js';
import { membersApi, type Member } from '../../shared/api/members.js';
import { recordsApi, type PersonRecords } from '../../shared/api/records.js';
import { mainlandIdCheckChar } from '../../shared/documents.js';
import { DEMO_REGISTRY } from '../demo/seed.js';
import type { CheckpointRow } from '../store/records.js';
import type { Store } from '../store/store.js';
import { seedPeople, signInAs, testServer, type TestServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Born 1990-05-17, the 17th digit odd: a man.
const ID_NUMBER = `44010619900517001${mainlandIdCheckChar('44010619900517001')}`;

const send = (t: TestServer, method: string, path: string, cookie: string, body?: unknown) =>
  t.app.request(path, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

function check(id: string, sub: string, at: number, temperature: number, over: Partial<CheckpointRow> = {}): CheckpointRow {
  return {
    id, device_id: 'dev-1', seq: Number(id.replace(/\D/g, '')), batch_id: 'b1', venue_id: 'venue-demo', inspector_id: 'u-insp', code: 'HG1:X', sub,
    temperature, client_verdict: 'green', server_verdict: 'green', captured_at: at, received_at: at, day: '2026-11-29', supersedes: null,
    content_hash: `h-${id}`, flags: '', clock_skew_ms: 0, ...over,
  };
}

describeStores('records routes', (store) => {
  async function setup(s: Store) {
    const t = await testServer(s);
    await seedPeople(s);
    return { t, cookie: await signInAs(t, s, '+8613800000002') };
  }

  it('gives a holder their tests, entries, notices and venue checks — never who checked — with sex and age band from their ID', async () => {
    const s = store();
    await s.people.createPerson({ id: 'p-id', sub: 'aWQtcGVyc29u', name: '王大伟', document_no: ID_NUMBER, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    await s.accounts.createUser({ id: 'u-id', phone: '+8613700000007', role: 'holder', person_id: 'p-id', created_at: 1 });
    const { t } = await setup(s);
    const cookie = await signInAs(t, s, '+8613700000007');
    const now = t.clock.t;
    await s.holderRecords.addTestResult({ id: 't1', person_id: 'p-id', kind: 'antibody', result: 'negative', institution: 'Lab', sampled_at: now - DAY, reported_at: now - HOUR });
    await s.records.insertRecords([
      check('r1', 'aWQtcGVyc29u', now - 3 * HOUR, 37.8),
      check('r2', 'aWQtcGVyc29u', now - 2 * HOUR, 36.6, { supersedes: 'r1' }),
      check('r3', 'Z3JlZW4tMDE', now - HOUR, 36.4),
    ]);
    const res = await send(t, 'GET', recordsApi.mine.path, cookie);
    expect(res.status).toBe(200);
    const r = (await res.json()) as PersonRecords;
    expect(r).toMatchObject({ personId: 'p-id', maskedName: '王*伟', sex: 'male', ageBand: '30-39', status: 'green', reason: 'none' });
    expect(r.tests).toEqual([{ id: 't1', kind: 'antibody', result: 'negative', institution: 'Lab', sampledAt: now - DAY, reportedAt: now - HOUR }]);
    // The re-scan stands for the first one; another person's check is not here.
    expect(r.temperatureChecks).toEqual([{ at: now - 2 * HOUR, venueName: '示范商场 Demo Mall', temperature: 36.6, fever: false }]);
    expect(JSON.stringify(r)).not.toContain('u-insp');
    expect(JSON.stringify(r)).not.toContain('dev-1');
  });

  it('lists the health authority’s test results for the holder’s document among their tests, and nobody else’s', async () => {
    const s = store();
    await s.people.createPerson({ id: 'p-id', sub: 'aWQtcGVyc29u', name: '王大伟', document_no: ID_NUMBER, status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    await s.accounts.createUser({ id: 'u-id', phone: '+8613700000007', role: 'holder', person_id: 'p-id', created_at: 1 });
    const { t, cookie: stranger } = await setup(s);
    const cookie = await signInAs(t, s, '+8613700000007');
    await s.holderRecords.addTestResult({ id: 't1', person_id: 'p-id', kind: 'antibody', result: 'negative', institution: 'Lab', sampled_at: Date.parse('2026-11-26T01:00:00Z'), reported_at: Date.parse('2026-11-26T09:00:00Z') });
    const header = 'documentType,documentNumber,testKind,result,institution,sampledAt,reportedAt';
    const csv = [
      header,
      `mainland-id,${ID_NUMBER},nucleic-acid,negative,天河区核酸采样点,2026-11-27T09:00:00+08:00,2026-11-27T21:00:00+08:00`,
      `mainland-id,${ID_NUMBER},antibody,negative,市第一人民医院,2026-11-25T09:00:00+08:00,2026-11-25T21:00:00+08:00`,
      'passport,E55555555,nucleic-acid,positive,Someone Else Lab,2026-11-27T09:00:00+08:00,2026-11-27T21:00:00+08:00',
      '',
    ].join('\n');
    const out = await t.services.imports.import({ feed: 'test-results', format: 'csv', input: (async function* () { yield new TextEncoder().encode(csv); })(), dryRun: false, channel: 'cli', actor: { kind: 'operator', name: 'test' } });
    expect(out.report).toMatchObject({ applied: true, accepted: 3 });
    const r = (await (await send(t, 'GET', recordsApi.mine.path, cookie)).json()) as PersonRecords;
    // Latest sample first, the account's own record and the authority's side by side.
    expect(r.tests.map((x) => [x.kind, x.result, x.institution, new Date(x.sampledAt).toISOString(), x.source ?? 'record'])).toEqual([
      ['nucleic-acid', 'negative', '天河区核酸采样点', '2026-11-27T01:00:00.000Z', 'authority'],
      ['antibody', 'negative', 'Lab', '2026-11-26T01:00:00.000Z', 'record'],
      ['antibody', 'negative', '市第一人民医院', '2026-11-25T01:00:00.000Z', 'authority'],
    ]);
    expect(r.tests[0]?.reportedAt).toBe(Date.parse('2026-11-27T13:00:00Z'));
    expect(JSON.stringify(r)).not.toContain('Someone Else Lab');
    // A holder without a document on file gets none of them.
    const other = (await (await send(t, 'GET', recordsApi.mine.path, stranger)).json()) as PersonRecords;
    expect(other.tests).toEqual([]);
  });

  it('says nothing of sex or age band without a mainland ID, and shows a red reason', async () => {
    const s = store();
    const { t } = await setup(s);
    const red = await signInAs(t, s, '+8613800000003');
    expect(await (await send(t, 'GET', recordsApi.mine.path, red)).json()).toMatchObject({ sex: null, ageBand: null, status: 'red', reason: 'close-contact' });
  });

  it('stores each reported code display once, keeps 3 days, and lists those shown offline as such', async () => {
    const s = store();
    const { t, cookie } = await setup(s);
    const now = t.clock.t;
    const displays = [
      { id: '0190d9a0-0000-7000-8000-000000000001', shownAt: now - HOUR, status: 'green', offline: true },
      { id: '0190d9a0-0000-7000-8000-000000000002', shownAt: now - 10 * 60_000, status: 'green', offline: false },
      { id: '0190d9a0-0000-7000-8000-000000000003', shownAt: now - 4 * DAY, status: 'green', offline: true },
    ];
    const first = await send(t, 'POST', recordsApi.reportDisplays.path, cookie, { displays });
    expect(await first.json()).toEqual({ stored: 2, refused: 0 });
    const again = await send(t, 'POST', recordsApi.reportDisplays.path, cookie, { displays });
    expect(await again.json()).toEqual({ stored: 0, refused: 0 });
    const r = (await (await send(t, 'GET', recordsApi.mine.path, cookie)).json()) as PersonRecords;
    expect(r.codeDisplays).toEqual([
      { shownAt: now - 10 * 60_000, status: 'green', offline: false, reportedAt: now },
      { shownAt: now - HOUR, status: 'green', offline: true, reportedAt: now },
    ]);
    t.clock.advance(3 * DAY);
    const later = await signInAs(t, s, '+8613800000002');
    expect(((await (await send(t, 'GET', recordsApi.mine.path, later)).json()) as PersonRecords).codeDisplays).toEqual([]);
  });

  it('records a display of a member’s code as the member’s, for their guardian only, and lists it on the member’s records', async () => {
    const s = store();
    const { t, cookie } = await setup(s);
    await s.registry.upsert(DEMO_REGISTRY.map((r) => ({ ...r, imported_at: 1 })));
    const added = await send(t, 'POST', membersApi.addMember.path, cookie, { name: '张小宝', documentType: 'mainland-id', documentNumber: '440103201806150022' });
    const { member } = (await added.json()) as { member: Member };
    const now = t.clock.t;
    const display = (n: number, personId?: string) => ({ id: `0190d9a0-0000-7000-8000-00000000000${n}`, shownAt: now - n * 60_000, status: 'green', offline: n === 2, ...(personId ? { personId } : {}) });
    const res = await send(t, 'POST', recordsApi.reportDisplays.path, cookie, { displays: [display(1), display(2, member.id), display(3, 'p-red'), display(4, 'p-nobody')] });
    // Another account's person and an unknown id are refused (and the phone stops sending them).
    expect(await res.json()).toEqual({ stored: 2, refused: 2 });
    const memberPath = pathOf(recordsApi.member.path, { id: member.id });
    const theirs = (await (await send(t, 'GET', memberPath, cookie)).json()) as PersonRecords;
    expect(theirs).toMatchObject({ personId: member.id, maskedName: '张*宝' });
    expect(theirs.codeDisplays).toEqual([{ shownAt: now - 2 * 60_000, status: 'green', offline: true, reportedAt: now }]);
    const mine = (await (await send(t, 'GET', recordsApi.mine.path, cookie)).json()) as PersonRecords;
    expect(mine.codeDisplays).toEqual([{ shownAt: now - 60_000, status: 'green', offline: false, reportedAt: now }]);
    const red = await signInAs(t, s, '+8613800000003');
    expect(((await (await send(t, 'GET', recordsApi.mine.path, red)).json()) as PersonRecords).codeDisplays).toEqual([]);
    expect(await s.holderRecords.displaysOf('p-nobody', 0)).toEqual([]);

    // The member's records: their guardian only. Another holder (who does not look after them) gets
    // the same 404 as for an id that names no one; other roles are refused; nothing signed out.
    expect((await send(t, 'GET', memberPath, red)).status).toBe(404);
    expect((await send(t, 'GET', pathOf(recordsApi.member.path, { id: 'p-nobody' }), cookie)).status).toBe(404);
    expect((await send(t, 'GET', memberPath, '')).status).toBe(401);
    for (const phone of ['+8613800000001', '+8613800000004']) expect((await send(t, 'GET', memberPath, await signInAs(t, s, phone))).status).toBe(403);
    // The account's own person is its own "member" too.
    expect(((await (await send(t, 'GET', pathOf(recordsApi.member.path, { id: 'p-green' }), cookie)).json()) as PersonRecords).personId).toBe('p-green');
    // After the guardian stops looking after the member, their displays are refused.
    expect((await send(t, 'DELETE', pathOf(membersApi.removeMember.path, { id: member.id }), cookie)).status).toBe(200);
    expect(await (await send(t, 'POST', recordsApi.reportDisplays.path, cookie, { displays: [display(5, member.id)] })).json()).toEqual({ stored: 0, refused: 1 });
    expect((await send(t, 'GET', memberPath, cookie)).status).toBe(404);
  });

  it('is for holders only and refuses bad reports', async () => {
    const s = store();
    const { t, cookie } = await setup(s);
    const inspector = await signInAs(t, s, '+8613800000001');
    expect((await send(t, 'GET', recordsApi.mine.path, inspector)).status).toBe(403);
    expect((await send(t, 'GET', recordsApi.mine.path, '')).status).toBe(401);
    const one = { id: '0190d9a0-0000-7000-8000-000000000001', shownAt: t.clock.t, status: 'green', offline: false };
    expect((await send(t, 'POST', recordsApi.reportDisplays.path, inspector, { displays: [one] })).status).toBe(403);
    for (const bad of [{ displays: [{ ...one, personId: '' }] }, { displays: [{ ...one, personId: 'p'.repeat(81) }] }, { displays: [] }, { displays: [{ ...one, id: 'nope' }] }, { displays: [{ ...one, status: 'yellow' }] }, { displays: Array.from({ length: 201 }, () => one) }, { displays: [{ ...one, extra: 1 }] }]) {
      expect((await send(t, 'POST', recordsApi.reportDisplays.path, cookie, bad)).status).toBe(400);
    }
  });
});
