// Organisations and their declarations through the real app, on both engines: an admin registers
// (and is refused a second change in the week, told from when), a holder joins by the code with a
// label, declares (a symptom), declares again (supersedes; both stay), the admin sees who has and
// has not declared and downloads the day as CSV and XLSX; another organisation's admin sees none of
// it; every route refuses the wrong roles and strangers; no answer an admin gets names anyone.

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { pathOf, type Endpoint } from '../../shared/api/contract.js';
import { declarationsApi, type Membership, type MyDeclaration, type MyDeclarations } from '../../shared/api/declarations.js';
import { orgAdminApi, type OrgDay, type OrgDetails } from '../../shared/api/orgs.js';
import { recordsApi, type PersonRecords } from '../../shared/api/records.js';
import { accountControlApi } from '../../shared/api/account.js';
import { localDay } from '../../shared/time.js';
import { uuidv7 } from '../../shared/uuid.js';
import type { Store } from '../store/store.js';
import { seedPeople, signInAs, testServer, type TestServer } from '../testing/server.js';
import { describeStores } from '../testing/stores.js';

const FORM = { areaCode: '440103', kind: 'school', name: '示范中学 Demo School', adminPhone: '13800000006' };
const OTHER = { areaCode: '44', kind: 'company', name: 'Other Co', adminPhone: '13800000066' };
const DAY_MS = 86_400_000;

function client(t: TestServer) {
  return async (method: string, path: string, cookie: string | undefined, body?: unknown) => {
    const res = await t.app.request(path, {
      method,
      headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      // a file
    }
    return { status: res.status, text, bytes, json, headers: res.headers };
  };
}

async function setUp(s: Store) {
  const t = await testServer(s);
  await seedPeople(s);
  const user = (id: string, phone: string, role: 'org-admin' | 'holder' | 'admin', personId: string | null = null) =>
    s.accounts.createUser({ id, phone, role, person_id: personId, created_at: 1 });
  await user('u-org', '+8613800000006', 'org-admin');
  await user('u-org2', '+8613800000066', 'org-admin');
  await user('u-admin', '+8613800000005', 'admin');
  await s.people.createPerson({ id: 'p-trav', sub: 'dHJhdmVsbGVy', name: 'MARTIN JEAN', document_no: 'E1', status: 'green', reason: 'none', status_changed_at: 1, created_at: 1, kind: 'traveller' });
  await user('u-trav', '+8613800000009', 'holder', 'p-trav');
  const req = client(t);
  const org = await signInAs(t, s, '+8613800000006');
  const org2 = await signInAs(t, s, '+8613800000066');
  const holder = await signInAs(t, s, '+8613800000002');
  const red = await signInAs(t, s, '+8613800000003');
  return { t, req, org, org2, holder, red, s };
}

const declaration = (t: TestServer, over: Record<string, unknown> = {}) => ({
  id: uuidv7(t.clock.now()),
  orgId: null,
  declaredAt: t.clock.now(),
  symptoms: [],
  temperature: 36.5,
  travel: false,
  travelWhere: '',
  keyContact: false,
  ...over,
});

describeStores('organisations and their daily declarations', (store) => {
  it('registers once, with a join code, masked phone and area at any level; a second change that week is refused with its date; audited', async () => {
    const { t, req, org, s } = await setUp(store());
    expect((await req('GET', orgAdminApi.get.path, org)).json).toEqual({ org: null });
    const made = await req('POST', orgAdminApi.register.path, org, FORM);
    expect(made.status, made.text).toBe(200);
    const details = made.json.org as OrgDetails;
    expect(details).toMatchObject({ name: FORM.name, kind: 'school', areaCode: '440103', areaLabel: '广东省广州市荔湾区', areaLevel: 'county', adminPhoneMasked: '138****0006', timeZone: 'Asia/Shanghai', nextEditFrom: null, members: 0 });
    expect(details.joinCode).toMatch(/^HGO1:[A-HJ-NP-Z2-9]{16}$/);
    expect(made.text).not.toContain('13800000006');
    expect((await req('POST', orgAdminApi.register.path, org, FORM)).json).toMatchObject({ error: { code: 'admin_has_org' } });
    // Unknown areas are refused at any level.
    expect((await req('POST', orgAdminApi.register.path, await signInAs(t, s, '+8613800000066'), { ...FORM, areaCode: '4499' })).json).toMatchObject({ error: { code: 'area_unknown' } });

    const edited = await req('PATCH', orgAdminApi.edit.path, org, { ...FORM, name: '示范中学', adminPhone: undefined });
    expect(edited.status, edited.text).toBe(200);
    expect((edited.json.org as OrgDetails).nextEditFrom).toBeGreaterThan(t.clock.now());
    t.clock.advance(60_000);
    const again = await req('PATCH', orgAdminApi.edit.path, org, { ...FORM, name: 'Again' });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: { code: 'org_edit_too_soon', retryAfterSec: expect.any(Number) } });
    expect(again.headers.get('retry-after')).toBe(String((again.json.error as { retryAfterSec: number }).retryAfterSec));
    expect((again.json.error as { message: string }).message).toMatch(/from \d{4}-\d{2}-\d{2} 00:00 \(Asia\/Shanghai\)/);
    expect((await s.orgs.get(details.id))?.name).toBe('示范中学');
    // The next natural week it is allowed again.
    t.clock.advance(7 * DAY_MS);
    const later = await signInAs(t, s, '+8613800000006');
    expect((await req('PATCH', orgAdminApi.edit.path, later, { ...FORM, adminPhone: '13800000007' })).status).toBe(200);
    const audit = await s.audit.recent(20);
    expect(audit.filter((a) => a.action.startsWith('org.')).map((a) => a.action).sort()).toEqual(['org.edit', 'org.edit', 'org.register']);
    expect(audit.find((a) => a.action === 'org.edit' && a.detail.includes('phone'))).toBeDefined();
    expect(JSON.stringify(audit)).not.toMatch(/1380000000[67]/);
  });

  it('a holder joins with a label, declares, declares again (supersedes), and the admin sees who has and has not declared, and the files', async () => {
    const { t, req, org, holder, red, s } = await setUp(store());
    const details = (await req('POST', orgAdminApi.register.path, org, FORM)).json.org as OrgDetails;
    const joined = await req('POST', declarationsApi.join.path, holder, { joinCode: ` ${details.joinCode.toLowerCase()} `, label: ' 工号 A-017 ' });
    expect(joined.status, joined.text).toBe(200);
    const membership = joined.json.membership as Membership;
    expect(membership).toMatchObject({ orgId: details.id, orgName: '示范中学 Demo School', label: '工号 A-017', tag: expect.stringMatching(/^[A-Z2-9]{6}$/) });
    expect((await req('POST', declarationsApi.join.path, red, { joinCode: details.joinCode, label: '=HYPERLINK("x")' })).status).toBe(200);
    expect((await req('POST', declarationsApi.join.path, holder, { joinCode: 'HGO1:AAAAAAAAAAAAAAAA', label: 'x' })).json).toMatchObject({ error: { code: 'join_code_unknown' } });

    const first = await req('POST', declarationsApi.declare.path, holder, declaration(t, { orgId: details.id, symptoms: ['cough'], temperature: 37.4 }));
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ supersedes: null, declaration: { orgName: details.name, symptoms: ['cough'], fever: true, superseded: false } });
    const firstId = (first.json.declaration as MyDeclaration).id;
    // Sent twice (a queued declaration): stored once.
    const body = declaration(t, { orgId: details.id, symptoms: [], temperature: 36.6 });
    t.clock.advance(60_000);
    const second = await req('POST', declarationsApi.declare.path, holder, { ...body, declaredAt: t.clock.now() });
    expect(second.json).toMatchObject({ supersedes: firstId, declaration: { superseded: false, fever: false } });
    expect((await req('POST', declarationsApi.declare.path, holder, { ...body, declaredAt: t.clock.now() })).json).toMatchObject({ supersedes: firstId });
    // A personal self-check is its own line: it supersedes nothing of the organisation's.
    expect((await req('POST', declarationsApi.declare.path, holder, declaration(t, { symptoms: ['fatigue'] }))).json).toMatchObject({ supersedes: null, declaration: { orgId: null, orgName: null } });

    const mine = (await req('GET', declarationsApi.mine.path, holder)).json as unknown as MyDeclarations;
    expect(mine.canDeclare).toBe(true);
    expect(mine.memberships.map((m) => m.label)).toEqual(['工号 A-017']);
    expect(mine.declarations.map((d) => [d.orgId, d.superseded])).toEqual([[null, false], [details.id, false], [details.id, true]]);
    // The records page and the export hold them too.
    const records = (await req('GET', recordsApi.mine.path, holder)).json as unknown as PersonRecords;
    expect(records.declarations.map((d) => d.superseded)).toEqual([false, false, true]);
    expect(((await req('GET', accountControlApi.exportJson.path, holder)).json as { records: PersonRecords }).records.declarations).toHaveLength(3);

    const day = (await req('GET', orgAdminApi.day.path, org)).json as unknown as OrgDay;
    expect(day.day).toBe(localDay(t.clock.now(), 'Asia/Shanghai'));
    expect(day.counts).toEqual({ members: 2, declared: 1, notDeclared: 1, symptoms: 0, fever: 0 });
    const row = day.rows.find((r) => r.label === '工号 A-017')!;
    expect(row.declaration).toMatchObject({ symptoms: [], temperature: 36.6, earlier: 1 });
    expect(day.rows.find((r) => r.label.startsWith('='))?.declaration).toBeNull();
    // Another day: nobody declared.
    const yesterday = localDay(t.clock.now() - DAY_MS, 'Asia/Shanghai');
    expect(((await req('GET', `${orgAdminApi.day.path}?day=${yesterday}`, org)).json as unknown as OrgDay).counts.declared).toBe(0);

    const csv = await req('GET', `${orgAdminApi.exportCsv.path}?day=${day.day}&lang=en`, org);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const lines = parse(csv.text.slice(1)) as string[][];
    expect(lines[0]).toEqual(['Date', 'Member label', 'Tag', 'Declared', 'Time', 'Symptoms', 'Temperature (°C)', 'Fever (≥37.3)', 'Travel in 14 days', 'Where', 'Key-population contact', 'Superseded']);
    expect(lines.slice(1)).toEqual([
      [day.day, '工号 A-017', row.tag, 'yes', expect.stringMatching(/^\d\d:\d\d$/), 'none', '36.6', 'no', 'no', '', 'no', '1'],
      [day.day, `'=HYPERLINK("x")`, expect.any(String), 'no', '', '', '', '', '', '', '', ''],
    ]);
    const xlsx = await req('GET', `${orgAdminApi.exportXlsx.path}?day=${day.day}`, org);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes.buffer as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('健康申报');
    expect(sheet.getRow(2).getCell(2).value).toBe('工号 A-017');
    expect(sheet.getRow(2).getCell(7).value).toBe(36.6);
    expect(sheet.rowCount).toBe(3);
    expect((await s.audit.recent(30)).filter((a) => a.action === 'org.export')).toHaveLength(2);

    // Nothing an admin got names anyone.
    for (const text of [csv.text, JSON.stringify(day), JSON.stringify((await req('GET', orgAdminApi.members.path, org)).json)]) {
      expect(text).not.toMatch(/张小明|李红|1380000000[23]|p-green|p-red|u-green/);
    }

    // The admin removes a member; the holder can leave; both gone from the table, the declarations stay with the person.
    expect((await req('DELETE', pathOf(orgAdminApi.removeMember.path, { tag: row.tag }), org)).status).toBe(200);
    expect((await req('DELETE', pathOf(orgAdminApi.removeMember.path, { tag: row.tag }), org)).status).toBe(404);
    expect((await req('POST', declarationsApi.declare.path, holder, declaration(t, { orgId: details.id }))).json).toMatchObject({ error: { code: 'not_a_member' } });
    const redOrg = ((await req('GET', declarationsApi.mine.path, red)).json as unknown as MyDeclarations).memberships[0]!;
    expect((await req('DELETE', pathOf(declarationsApi.leave.path, { id: redOrg.orgId }), red)).status).toBe(200);
    expect((await req('DELETE', pathOf(declarationsApi.leave.path, { id: redOrg.orgId }), red)).status).toBe(404);
    expect(((await req('GET', orgAdminApi.day.path, org)).json as unknown as OrgDay).rows).toEqual([]);
    expect(((await req('GET', declarationsApi.mine.path, holder)).json as unknown as MyDeclarations).declarations).toHaveLength(3);
    expect((await s.audit.recent(40)).filter((a) => a.action === 'org.remove-member')).toHaveLength(1);
  });

  it('another organisation’s admin sees none of it, and cannot remove its members', async () => {
    const { t, req, org, org2, holder } = await setUp(store());
    const a = (await req('POST', orgAdminApi.register.path, org, FORM)).json.org as OrgDetails;
    await req('POST', orgAdminApi.register.path, org2, OTHER);
    const m = (await req('POST', declarationsApi.join.path, holder, { joinCode: a.joinCode, label: 'S-1' })).json.membership as Membership;
    await req('POST', declarationsApi.declare.path, holder, declaration(t, { orgId: a.id, symptoms: ['cough'] }));
    const theirs = (await req('GET', orgAdminApi.day.path, org2)).json as unknown as OrgDay;
    expect(theirs.rows).toEqual([]);
    expect((await req('GET', orgAdminApi.members.path, org2)).json).toEqual({ members: [] });
    expect((await req('DELETE', pathOf(orgAdminApi.removeMember.path, { tag: m.tag }), org2)).status).toBe(404);
    const csv = await req('GET', `${orgAdminApi.exportCsv.path}?day=${theirs.day}`, org2);
    expect(csv.text).not.toContain('S-1');
    expect((await req('GET', orgAdminApi.members.path, org)).json).toMatchObject({ members: [{ label: 'S-1', tag: m.tag }] });
  });

  it('refuses strangers (401), every other role (403), and bad input; travellers have no declaration', async () => {
    const { t, req, org, holder, s } = await setUp(store());
    const inspector = await signInAs(t, s, '+8613800000001');
    const manager = await signInAs(t, s, '+8613800000004');
    const admin = await signInAs(t, s, '+8613800000005');
    const traveller = await signInAs(t, s, '+8613800000009');
    const all = [...Object.values(orgAdminApi), ...Object.values(declarationsApi)] as Endpoint[];
    const callers = { holder, inspector, manager, admin, 'org-admin': org } as const;
    for (const e of all) {
      const path = `${pathOf(e.path, { tag: 'AAAAAA', id: 'org-x' })}${e.query ? '?day=2026-11-30' : ''}`;
      const body = e.body ? {} : undefined;
      expect((await req(e.method, path, undefined, body)).status, `${e.path} without a session`).toBe(401);
      for (const [role, cookie] of Object.entries(callers)) {
        const allowed = 'roles' in e.access && (e.access.roles as readonly string[]).includes(role);
        if (!allowed) expect((await req(e.method, path, cookie, body)).status, `${e.method} ${e.path} as ${role}`).toBe(403);
      }
    }
    const details = (await req('POST', orgAdminApi.register.path, org, FORM)).json.org as OrgDetails;
    const bad: [Record<string, unknown>, string][] = [
      [{ ...FORM, areaCode: '4401031' }, 'validation_failed'],
      [{ ...FORM, kind: 'club' }, 'validation_failed'],
      [{ ...FORM, name: '   ' }, 'validation_failed'],
      [{ ...FORM, name: 'x'.repeat(61) }, 'validation_failed'],
      [{ ...FORM, adminPhone: '12345' }, 'validation_failed'],
      [{ ...FORM, extra: 1 }, 'unknown_field'],
    ];
    for (const [body, code] of bad) expect((await req('PATCH', orgAdminApi.edit.path, org, body)).json, JSON.stringify(body)).toMatchObject({ error: { code } });
    expect((await req('GET', `${orgAdminApi.day.path}?day=2026-02-30`, org)).status).toBe(400);
    expect((await req('GET', `${orgAdminApi.exportCsv.path}`, org)).status).toBe(400);
    expect((await req('POST', declarationsApi.join.path, holder, { joinCode: details.joinCode, label: '' })).status).toBe(400);
    expect((await req('POST', declarationsApi.join.path, holder, { joinCode: details.joinCode, label: 'x'.repeat(41) })).status).toBe(400);
    const badDeclarations: [Record<string, unknown>, string][] = [
      [declaration(t, { temperature: 29.9 }), 'validation_failed'],
      [declaration(t, { temperature: 45.1 }), 'validation_failed'],
      [declaration(t, { symptoms: ['cough', 'cough'] }), 'validation_failed'],
      [declaration(t, { symptoms: ['sneezing'] }), 'validation_failed'],
      [declaration(t, { travel: true, travelWhere: ' ' }), 'validation_failed'],
      [declaration(t, { id: 'not-a-uuid' }), 'validation_failed'],
      [declaration(t, { declaredAt: t.clock.now() - 49 * 3_600_000 }), 'declaration_time_invalid'],
      [declaration(t, { declaredAt: t.clock.now() + 11 * 60_000 }), 'declaration_time_invalid'],
      [declaration(t, { orgId: details.id }), 'not_a_member'],
      [declaration(t, { orgId: 'org-00000000-0000-0000-0000-000000000000' }), 'not_a_member'],
    ];
    for (const [body, code] of badDeclarations) expect((await req('POST', declarationsApi.declare.path, holder, body)).json, JSON.stringify(body)).toMatchObject({ error: { code } });
    expect(await s.orgs.declarationsOf('p-green')).toEqual([]);
    // Travellers: the page says so, and the server refuses.
    expect((await req('GET', declarationsApi.mine.path, traveller)).json).toMatchObject({ canDeclare: false });
    expect((await req('POST', declarationsApi.declare.path, traveller, declaration(t))).json).toMatchObject({ error: { code: 'declaration_not_for_travellers' } });
    expect((await req('POST', declarationsApi.join.path, traveller, { joinCode: details.joinCode, label: 'T' })).json).toMatchObject({ error: { code: 'declaration_not_for_travellers' } });
    // An id another person used is not theirs to reuse.
    const used = declaration(t);
    expect((await req('POST', declarationsApi.declare.path, holder, used)).status).toBe(200);
    expect((await req('POST', declarationsApi.declare.path, await signInAs(t, s, '+8613800000003'), used)).status).toBe(400);
  });

  it('a guardian joins, declares and leaves for a child they look after; the organisation sees the child by label and tag only; nobody else may act for the child', async () => {
    const { t, req, org, holder, red, s } = await setUp(store());
    const inspector = await signInAs(t, s, '+8613800000001');
    const details = (await req('POST', orgAdminApi.register.path, org, FORM)).json.org as OrgDetails;
    // 张小明 (u-green) looks after his son; 李红 (u-red) does not.
    await s.people.createPerson({ id: 'p-child', sub: 'Y2hpbGQtMDE', name: '张小宝', document_no: '440103201806150022', status: 'green', reason: 'none', status_changed_at: 1, created_at: 1 });
    await s.holders.addGuardianship({ user_id: 'u-green', person_id: 'p-child', relation: 'family', created_at: 1 });
    const forChild = { memberId: 'p-child' };
    const childOf = (path: string) => `${path}?member=p-child`;

    // Someone who is not the child's guardian, and other roles, are refused; nothing is written.
    const join = { joinCode: details.joinCode, label: '三年二班 12 号', ...forChild };
    const refusedJoin = await req('POST', declarationsApi.join.path, red, join);
    expect([refusedJoin.status, refusedJoin.json]).toEqual([404, { error: { code: 'not_found', message: expect.any(String) } }]);
    for (const cookie of [org, inspector]) expect((await req('POST', declarationsApi.join.path, cookie, join)).status).toBe(403);
    expect((await req('GET', childOf(declarationsApi.mine.path), red)).status).toBe(404);
    expect(await s.orgs.membershipsOf('p-child')).toEqual([]);

    const joined = await req('POST', declarationsApi.join.path, holder, join);
    expect(joined.status, joined.text).toBe(200);
    const membership = joined.json.membership as Membership;
    expect(membership).toMatchObject({ orgId: details.id, label: '三年二班 12 号' });
    // The child's memberships are the child's; the guardian's own have none.
    const childView = (await req('GET', childOf(declarationsApi.mine.path), holder)).json as unknown as MyDeclarations;
    expect(childView).toMatchObject({ canDeclare: true, memberships: [{ orgId: details.id, tag: membership.tag }], declarations: [] });
    expect(((await req('GET', declarationsApi.mine.path, holder)).json as unknown as MyDeclarations).memberships).toEqual([]);

    // The guardian declares for the child; the guardian's own line to the organisation is refused (not a member).
    const body = declaration(t, { orgId: details.id, symptoms: ['cough'], temperature: 37.6, ...forChild });
    for (const cookie of [red]) expect((await req('POST', declarationsApi.declare.path, cookie, { ...body, id: uuidv7(t.clock.now()) })).status).toBe(404);
    for (const cookie of [org, inspector]) expect((await req('POST', declarationsApi.declare.path, cookie, body)).status).toBe(403);
    expect(await s.orgs.declarationsOf('p-child')).toEqual([]);
    const declared = await req('POST', declarationsApi.declare.path, holder, body);
    expect(declared.status, declared.text).toBe(200);
    expect(declared.json).toMatchObject({ supersedes: null, declaration: { orgId: details.id, symptoms: ['cough'], fever: true } });
    expect((await req('POST', declarationsApi.declare.path, holder, declaration(t, { orgId: details.id }))).json).toMatchObject({ error: { code: 'not_a_member' } });
    // The same id sent again for the guardian himself is not the child's declaration to reuse.
    expect((await req('POST', declarationsApi.declare.path, holder, { ...body, memberId: undefined, orgId: null })).status).toBe(400);
    expect((await s.orgs.declarationsOf('p-child')).map((d) => [d.person_id, d.user_id])).toEqual([['p-child', 'u-green']]);
    expect(await s.orgs.declarationsOf('p-green')).toEqual([]);

    // The organisation counts the child, by label and tag: no name, document, phone or person id.
    const day = (await req('GET', orgAdminApi.day.path, org)).json as unknown as OrgDay;
    expect(day.counts).toEqual({ members: 1, declared: 1, notDeclared: 0, symptoms: 1, fever: 1 });
    expect(day.rows.map((r) => [r.label, r.tag])).toEqual([['三年二班 12 号', membership.tag]]);
    const csv = await req('GET', `${orgAdminApi.exportCsv.path}?day=${day.day}`, org);
    for (const text of [JSON.stringify(day), csv.text, JSON.stringify((await req('GET', orgAdminApi.members.path, org)).json)]) {
      expect(text).not.toMatch(/张小宝|张小明|440103201806150022|1380000000[23]|p-child|p-green|u-green/);
    }
    const audit = await s.audit.recent(20);
    expect(audit.find((a) => a.action === 'org.join')).toMatchObject({ actor: 'user:u-green', target: `org:${details.id}` });
    expect(JSON.parse(audit.find((a) => a.action === 'org.join')!.detail)).toEqual({ member: membership.tag, byGuardian: true });

    // Leaving: not for a stranger, then the guardian takes the child out; the declaration stays with the child.
    expect((await req('DELETE', childOf(pathOf(declarationsApi.leave.path, { id: details.id })), red)).status).toBe(404);
    expect((await req('DELETE', childOf(pathOf(declarationsApi.leave.path, { id: details.id })), holder)).status).toBe(200);
    expect(((await req('GET', orgAdminApi.day.path, org)).json as unknown as OrgDay).counts.members).toBe(0);
    expect(((await req('GET', childOf(declarationsApi.mine.path), holder)).json as unknown as MyDeclarations).declarations).toHaveLength(1);

    // Bad member ids: a clear 400 or 404, nothing written.
    const before = await s.orgs.declarationsOf('p-child');
    for (const memberId of ['../p-child', '', 'x'.repeat(81), 42, null]) {
      expect((await req('POST', declarationsApi.join.path, holder, { ...join, memberId })).status, JSON.stringify(memberId)).toBe(400);
      expect((await req('POST', declarationsApi.declare.path, holder, declaration(t, { memberId }))).status, JSON.stringify(memberId)).toBe(400);
    }
    expect((await req('GET', `${declarationsApi.mine.path}?member=%00`, holder)).status).toBe(400);
    expect((await req('GET', `${declarationsApi.mine.path}?member=p-child&extra=1`, holder)).status).toBe(400);
    expect((await req('POST', declarationsApi.declare.path, holder, declaration(t, { memberId: 'p-nobody' }))).status).toBe(404);
    expect((await req('POST', declarationsApi.join.path, holder, { ...join, memberId: 'p-red' })).status).toBe(404);
    expect(await s.orgs.declarationsOf('p-child')).toEqual(before);
    expect(await s.orgs.membershipsOf('p-red')).toEqual([]);
  });

  it('a declaration queued offline and sent later counts on the day it was made, superseded by a newer one', async () => {
    const { t, req, holder } = await setUp(store());
    const older = declaration(t, { declaredAt: t.clock.now() - 30 * 60_000, symptoms: ['cough'] });
    const newer = declaration(t, { declaredAt: t.clock.now() - 10 * 60_000 });
    await req('POST', declarationsApi.declare.path, holder, newer);
    const late = await req('POST', declarationsApi.declare.path, holder, older);
    expect(late.json).toMatchObject({ supersedes: null, declaration: { superseded: true } });
  });
});
