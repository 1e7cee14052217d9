// Organisations end to end: an admin registers an organisation with the area picker (county
// level) and gets its join code; a second change in the same week is refused with the date it is
// allowed from; holders join by pasting the code and by the join link, give their labels, declare
// (one with a symptom), declare again (it supersedes, and both stay on the person's records); the
// admin sees who has and has not declared and who reported symptoms, filters, downloads CSV and
// XLSX — both parsed here and compared with the page — and another organisation's admin sees none
// of it and is refused. Axe-clean, zh-CN and one English run (with a declaration made while the server cannot be reached), 320 px; screenshots in e2e/.tmp/screenshots.
// Then: a holder with no identity bound is led to bind it; a guardian joins their child to the school
// and declares for the child (the school counts the child by label; its table is cards on a phone);
// a member joins by pointing Chromium's fake camera at the school's poster QR.

import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeQrY4m } from './fixtures/y4m.js';
import { DeclarePage, OrgAdminPage } from './pages/org.js';
import { SignInPage } from './pages/signin.js';
import { seriousA11yFindings } from './support/axe.js';
import { decodeQrElement } from './support/decode.js';
import { CHROMIUM, fakeCameraArgs, TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const NEW_ADMIN = '13800000060';
const DEMO_ADMIN = '13800000006';
const ZHANG = '13800000002';
const LI = '13800000003';
const LIU = '13800000062';
/** 王芳: signed in by phone, no identity bound (README's demo accounts). */
const UNBOUND = '13800000050';
const SHOTS = resolve(TMP, 'screenshots');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let server: TestServer;
const pageErrors: string[] = [];

test.beforeAll(async () => {
  server = await TestServer.create({ database: 'org' });
  server.cli('seed');
  mkdirSync(SHOTS, { recursive: true });
  await server.start();
});

test.afterAll(async () => {
  await server?.stop();
});

async function open(browser: Browser, phone: string, opts: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: opts.viewport ?? PHONE, locale: opts.locale ?? 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await new SignInPage(page, server.url).signIn(phone);
  return { context, page };
}

/** Nothing sticks out sideways: the page fits its viewport's width. */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

const shot = (page: Page, name: string) => page.screenshot({ path: resolve(SHOTS, name), fullPage: true });

test('an organisation from registration to the admin’s table and files', async ({ browser }) => {
  // Four people's browsers, one after another: longer than one person's steps.
  test.setTimeout(300_000);
  // The admin registers, zh-CN, on a desktop.
  const { page: admin } = await open(browser, NEW_ADMIN, { viewport: DESKTOP });
  await expect(admin).toHaveURL(/\/org$/);
  await expect(admin.getByTestId('org-register')).toBeVisible();
  const org = new OrgAdminPage(admin);
  await org.submit();
  await expect(admin.getByTestId('org-name-error')).toBeVisible();
  await expect(admin.getByTestId('org-name')).toHaveAttribute('aria-describedby', /org-name-error/);
  await org.fillForm({ area: ['44', '4401', '440104'], kind: 'company', name: '越秀示范公司', phone: NEW_ADMIN });
  expect(await seriousA11yFindings(admin)).toEqual([]);
  await shot(admin, 'org-register-desktop.png');
  await org.submit();
  await expect(admin.getByTestId('org-details')).toBeVisible();
  await expect(admin.getByTestId('org-area-label')).toContainText('广东省广州市越秀区');
  await expect(admin.getByTestId('org-area-label')).toContainText('区县级');
  await expect(org.joinCode).toHaveText(/^HGO1:[A-HJ-NP-Z2-9]{16}$/);
  const joinCode = (await org.joinCode.textContent())!;
  expect(await admin.content()).not.toContain(NEW_ADMIN);

  // One change this week; the second is refused with the date it is allowed from.
  await org.openEdit();
  await org.fillForm({ name: '越秀示范有限公司' });
  await org.submit();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('越秀示范有限公司');
  await expect(admin.getByTestId('org-edit-from')).toContainText('起可再次修改');
  await org.openEdit();
  await org.fillForm({ name: '越秀三号公司' });
  await org.submit();
  await expect(org.formError).toContainText('本周已修改过单位信息');
  await expect(org.formError).toContainText('星期一');
  await admin.goto(`${server.url}/org/poster`);
  await expect(admin.getByTestId('org-poster')).toContainText(joinCode);
  await shot(admin, 'org-poster.png');

  // 张小明 joins by pasting the code, declares with a symptom, then again without: the second supersedes.
  const { page: zhang } = await open(browser, ZHANG);
  await zhang.goto(`${server.url}/declare`);
  const declare = new DeclarePage(zhang);
  await declare.join(`  ${joinCode.toLowerCase()} `, '工号 E-1001');
  await expect(zhang.getByTestId('orgs-notice')).toContainText('越秀示范有限公司');
  await expect(zhang.getByTestId('membership-label').filter({ hasText: '工号 E-1001' })).toHaveCount(1);
  await declare.declare({ to: '越秀示范有限公司', symptoms: ['cough'], temperature: '37.5' });
  await expect(declare.notice()).toHaveText('已提交');
  await expect(zhang.getByTestId('declare-submit')).toContainText('取代');
  await declare.declare({ to: '越秀示范有限公司', symptoms: [], temperature: '36.6' });
  await expect(declare.notice()).toContainText('已提交，取代了今天');
  await expect(zhang.getByTestId('history-item').filter({ hasText: '越秀示范有限公司' })).toHaveCount(2);
  await expect(zhang.getByTestId('history-item').filter({ hasText: '越秀示范有限公司' }).first()).toHaveAttribute('data-state', 'latest');
  await expect(zhang.getByTestId('history-item').filter({ hasText: '越秀示范有限公司' }).nth(1)).toHaveAttribute('data-state', 'superseded');
  expect(await seriousA11yFindings(zhang)).toEqual([]);
  await zhang.evaluate(() => window.scrollTo(0, 0));
  await shot(zhang, 'declare-phone.png');
  // The records page lists both, the earlier marked.
  await zhang.goto(`${server.url}/records`);
  await expect(zhang.getByTestId('declaration-row').filter({ hasText: '越秀示范有限公司' })).toHaveCount(2);
  await expect(zhang.getByTestId('declaration-row').filter({ hasText: '越秀示范有限公司' }).nth(1)).toHaveAttribute('data-superseded', 'yes');

  // 刘洋 joins by the join link (the QR's text) and declares a fever; 李红 joins and does not declare.
  const { page: liu } = await open(browser, LIU);
  await liu.goto(`${server.url}/join#${joinCode}`);
  await expect(liu.getByTestId('join-code')).toHaveValue(joinCode);
  await liu.getByTestId('join-label').fill('工号 E-1002');
  await liu.getByTestId('join-submit').click();
  await expect(liu.getByTestId('orgs-notice')).toBeVisible();
  await new DeclarePage(liu).declare({ to: '越秀示范有限公司', symptoms: ['fever', 'fatigue'], temperature: '37.9', travel: '深圳' });
  await expect(new DeclarePage(liu).notice()).toHaveText('已提交');
  const { page: li } = await open(browser, LI);
  await li.goto(`${server.url}/declare`);
  await new DeclarePage(li).join(joinCode, '工号 E-1003');
  await expect(li.getByTestId('orgs-notice')).toBeVisible();

  // The admin's table: who has and has not declared, who reported symptoms or a fever.
  await admin.goto(`${server.url}/org`);
  await expect(org.count('members')).toHaveText('3');
  await expect(org.count('declared')).toHaveText('2');
  await expect(org.count('notDeclared')).toHaveText('1');
  await expect(org.count('symptoms')).toHaveText('1');
  await expect(org.count('fever')).toHaveText('1');
  const shown = await org.rows();
  expect(shown.map((r) => [r[0], r[2], r[4], r[5], r[8]])).toEqual([
    ['工号 E-1001', '是', '无', '36.6', '1'],
    ['工号 E-1002', '是', '发热、乏力', '37.9', '0'],
    ['工号 E-1003', '未申报', '', '', ''],
  ]);
  await org.show('missing');
  expect((await org.rows()).map((r) => r[0])).toEqual(['工号 E-1003']);
  await org.show('symptoms');
  expect((await org.rows()).map((r) => r[0])).toEqual(['工号 E-1002']);
  await org.show('all');
  expect(await admin.content()).not.toMatch(/张小明|李红|刘洋|13800000002|13800000003|13800000062/);
  expect(await seriousA11yFindings(admin)).toEqual([]);
  await shot(admin, 'org-desktop.png');

  // The files agree with the page.
  const [csvDownload] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('org-export-csv').click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^越秀示范有限公司 健康申报 \d{4}-\d{2}-\d{2}\.csv$/);
  const csvBytes = readFileSync(await csvDownload.path());
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = parse(csvBytes, { bom: true }) as string[][];
  expect(csv[0]).toEqual(['日期', '成员编号', '标识', '已申报', '申报时间', '症状', '体温 (°C)', '发热 (≥37.3)', '14 天内离开本市', '去往何处', '接触重点人群', '被取代的申报']);
  const asShown = (rows: string[][]) => rows.slice(1).map((r) => [r[1], r[2], r[3] === '是' ? '是' : '未申报', r[5] ?? '', r[6] ?? '', r[11] ?? '']);
  const fromPage = shown.map((r) => [r[0], r[1], r[2], r[4], r[5], r[8]]);
  expect(asShown(csv)).toEqual(fromPage);
  const [xlsxDownload] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('org-export-xlsx').click()]);
  expect(xlsxDownload.suggestedFilename()).toMatch(/健康申报 .*\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(await xlsxDownload.path()) as unknown as ExcelJS.Buffer);
  const xlsx: string[][] = [];
  workbook.worksheets[0]!.eachRow({ includeEmpty: false }, (r) => {
    const cells: string[] = [];
    for (let i = 1; i <= 12; i++) {
      const v = r.getCell(i).value;
      cells.push(v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' && i === 7 ? v.toFixed(1) : String(v));
    }
    xlsx.push(cells);
  });
  expect(asShown(xlsx)).toEqual(fromPage);

  // The admin removes a member.
  admin.once('dialog', (d) => void d.accept());
  await admin.getByTestId('org-member').filter({ hasText: '工号 E-1003' }).getByTestId('org-member-remove').click();
  await expect(admin.getByTestId('members-notice')).toContainText('工号 E-1003');
  await expect(org.count('members')).toHaveText('2');

  // Another organisation's admin: their own table only, and refused on this one's members.
  const tag = (await admin.getByTestId('org-member').first().getAttribute('data-tag'))!;
  const { page: other } = await open(browser, DEMO_ADMIN, { viewport: DESKTOP });
  await expect(other).toHaveURL(/\/org$/);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('示范中学 Demo School');
  await expect(other.getByTestId('org-day-row')).toHaveCount(3);
  expect(await other.content()).not.toContain('工号 E-100');
  const members = await other.request.get(`${server.url}/api/org/members`);
  expect(JSON.stringify(await members.json())).not.toContain('E-100');
  const refused = await other.request.delete(`${server.url}/api/org/members/${tag}`, { headers: { origin: server.url } });
  expect(refused.status()).toBe(404);
  // A holder is refused the admin's routes.
  expect((await zhang.request.get(`${server.url}/api/org/declarations`)).status()).toBe(403);

  // One English run: the demo school's admin (already signed in above) and 刘洋, whose declaration
  // made while the server cannot be reached waits on the phone and is sent when it can be.
  await other.getByTestId('lang-switch').click();
  await expect(other.getByRole('heading', { level: 2, name: 'Daily health declarations' })).toBeVisible();
  await expect(other.getByTestId('org-day-row').filter({ hasText: 'T-2023-018' })).toContainText('cough, fatigue');
  expect(await seriousA11yFindings(other)).toEqual([]);
  await other.evaluate(() => window.scrollTo(0, 0));
  await shot(other, 'org-desktop-en.png');
  await other.setViewportSize(PHONE);
  await shot(other, 'org-phone-en.png');
  await liu.goto(`${server.url}/declare`);
  await liu.getByTestId('lang-switch').click();
  await expect(liu.getByRole('heading', { level: 1 })).toHaveText('Health declaration');
  await expect(liu.getByTestId('today-item').first()).toHaveAttribute('data-declared', 'no');
  await liu.route('**/api/**', (route) => route.abort());
  await new DeclarePage(liu).declare({ to: '示范中学 Demo School', symptoms: [], temperature: '36.5' });
  await expect(new DeclarePage(liu).notice()).toContainText('saved on this phone');
  await expect(liu.getByTestId('declare-pending')).toBeVisible();
  expect(await seriousA11yFindings(liu)).toEqual([]);
  await liu.evaluate(() => window.scrollTo(0, 0));
  await shot(liu, 'declare-offline-en.png');
  await liu.unroute('**/api/**');
  await liu.reload();
  await expect(liu.getByTestId('declare-pending')).toHaveCount(0);
  await expect(liu.getByTestId('today-item').first()).toHaveAttribute('data-declared', 'yes');
  await other.reload();
  await expect(other.getByTestId('org-day-row').filter({ hasText: 'T-2023-021' })).toHaveAttribute('data-declared', 'yes');

  // 320 px: nothing sticks out sideways.
  await admin.setViewportSize({ width: 320, height: 700 });
  expect(await fitsWidth(admin)).toBe(true);
  await zhang.setViewportSize({ width: 320, height: 700 });
  await zhang.goto(`${server.url}/declare`);
  await expect(zhang.getByTestId('declare-form')).toBeVisible();
  expect(await fitsWidth(zhang)).toBe(true);
  await admin.setViewportSize(PHONE);
  await admin.evaluate(() => window.scrollTo(0, 0));
  await shot(admin, 'org-phone.png');
  expect(pageErrors).toEqual([]);
});

test('a holder with no identity bound is told on /declare to bind it first, and led there', async ({ browser }) => {
  const { context, page } = await open(browser, UNBOUND);
  await expect(page).toHaveURL(/\/identity$/);
  await page.goto(`${server.url}/declare`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('健康申报');
  await expect(page.getByTestId('declare-unbound')).toContainText('还没有绑定身份证件');
  expect(await seriousA11yFindings(page)).toEqual([]);
  await shot(page, 'declare-unbound.png');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('declare-unbound')).toContainText('no identity document bound yet');
  await page.getByTestId('declare-bind-identity').click();
  await expect(page).toHaveURL(/\/identity$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bind your identity document');
  expect(pageErrors).toEqual([]);
  await context.close();
});

/** A server of its own: its demo admin signs in fresh (a second SMS code to one phone waits a minute). */
test.describe('a family', () => {
  /** Extra demo holder 1 (seed --extra-holders): 张小宝's guardian here. */
  const GUARDIAN = '13900000001';
  let family: TestServer;
  test.beforeAll(async () => {
    family = await TestServer.create({ database: 'org-family' });
    family.cli('seed', '--extra-holders', '1');
    await family.start();
  });
  test.afterAll(async () => {
    await family?.stop();
  });

  test('a guardian joins their child to the school and declares for the child; the school counts the child by label only', async ({ browser }) => {
    test.setTimeout(180_000);
    const signIn = async (phone: string, viewport = PHONE) => {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' });
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await new SignInPage(page, family.url).signIn(phone);
      // Signed in once the app has left the sign-in page (the session cookie is set by then).
      await expect(page).not.toHaveURL(/\/signin/);
      return page;
    };
    const admin = await signIn(DEMO_ADMIN, DESKTOP);
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText('示范中学 Demo School');
    const org = new OrgAdminPage(admin);
    const joinCode = (await org.joinCode.textContent())!;
    const membersBefore = Number(await org.count('members').textContent());

    // The guardian adds the child (checked against the registry), then switches /declare to the child.
    const guardian = await signIn(GUARDIAN);
    const added = await guardian.request.post(`${family.url}/api/me/members`, { headers: { origin: family.url }, data: { name: '张小宝', documentType: 'mainland-id', documentNumber: '440103201806150022' } });
    expect(added.status()).toBe(200);
    await guardian.goto(`${family.url}/declare`);
    const declare = new DeclarePage(guardian);
    await expect(guardian.getByTestId('declare-for')).toContainText('示*1');
    await declare.showFor('张*宝');
    await expect(guardian.getByTestId('declare-for')).toContainText('张*宝');
    await expect(guardian.getByTestId('declare-orgs')).toContainText('张*宝 还没有加入单位');
    await declare.join(joinCode, '初一(3)班 12 号');
    await expect(guardian.getByTestId('orgs-notice')).toContainText('示范中学');
    await expect(guardian.getByTestId('membership-label')).toHaveText('初一(3)班 12 号');
    await declare.declare({ to: '示范中学 Demo School', symptoms: ['cough'], temperature: '37.0' });
    await expect(declare.notice()).toHaveText('已提交');
    await expect(guardian.getByTestId('today-item').first()).toHaveAttribute('data-declared', 'yes');
    expect(await seriousA11yFindings(guardian)).toEqual([]);
    await guardian.evaluate(() => window.scrollTo(0, 0));
    await shot(guardian, 'declare-for-child.png');
    // The guardian's own page: no organisation, nothing declared.
    await declare.showFor('示*1');
    await expect(guardian.getByTestId('declare-orgs')).toContainText('还没有加入单位');
    await expect(guardian.getByTestId('membership')).toHaveCount(0);
    await expect(guardian.getByTestId('history-item')).toHaveCount(0);
    // In English, back on the child's page.
    await guardian.getByTestId('lang-switch').click();
    await declare.showFor('张*宝');
    await expect(guardian.getByTestId('declare-for')).toContainText('Declaring for');
    await expect(guardian.getByTestId('history-item')).toHaveCount(1);
    await guardian.setViewportSize({ width: 320, height: 700 });
    expect(await fitsWidth(guardian)).toBe(true);

    // The school counts the child, by the label the guardian gave: no name.
    await admin.reload();
    await expect(org.count('members')).toHaveText(String(membersBefore + 1));
    const row = admin.getByTestId('org-day-row').filter({ hasText: '初一(3)班 12 号' });
    await expect(row).toHaveAttribute('data-declared', 'yes');
    await expect(row).toContainText('咳嗽');
    expect(await admin.content()).not.toMatch(/张小宝|示范用户1|440103201806150022|13900000001/);

    // On a phone the table's rows are cards, each value beside its column's name; axe-clean, nothing sideways.
    await admin.setViewportSize(PHONE);
    await expect(row).toHaveCSS('display', 'block');
    const named = await row.locator('th, td').evaluateAll((cells) => cells.map((c) => [getComputedStyle(c, '::before').content, (c.textContent ?? '').trim()]));
    expect(named.slice(0, 3)).toEqual([['"成员编号"', '初一(3)班 12 号'], ['"标识"', expect.stringMatching(/^[A-HJ-NP-Z2-9]{6,7}$/)], ['"申报"', '是']]);
    expect(await fitsWidth(admin)).toBe(true);
    expect(await seriousA11yFindings(admin)).toEqual([]);
    await admin.setViewportSize({ width: 1280, height: 900 });
    await expect(row).toHaveCSS('display', 'table-row');
    expect(pageErrors).toEqual([]);
  });
});

/** Its own server too (a fresh sign-in for the demo admin), and a Chromium whose fake camera plays the join QR. */
test.describe('joining by camera', () => {
  /** Extra demo holder 1: joins the demo school by pointing the phone's camera at its poster. */
  const MEMBER = '13900000001';
  const VIDEO = resolve(TMP, 'video', 'org-join.y4m');
  let camera: TestServer;
  let cameraBrowser: Browser;
  test.beforeAll(async () => {
    camera = await TestServer.create({ database: 'org-camera' });
    camera.cli('seed', '--extra-holders', '1');
    mkdirSync(resolve(TMP, 'video'), { recursive: true });
    // A placeholder until the poster is read: Chromium opens the file again each time the camera starts.
    writeQrY4m(VIDEO, ['HGO1:PLACEHOLDER'], { pxPerModule: 6 });
    cameraBrowser = await chromium.launch({
      executablePath: CHROMIUM,
      args: fakeCameraArgs(VIDEO),
    });
    await camera.start();
  });
  test.afterAll(async () => {
    await cameraBrowser?.close();
    await camera?.stop();
  });

  test('a member joins the school by pointing the camera at its join QR', async ({ browser }) => {
    test.setTimeout(180_000);
    const admin = await (await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' })).newPage();
    admin.on('pageerror', (e) => pageErrors.push(e.message));
    await new SignInPage(admin, camera.url).signIn(DEMO_ADMIN);
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText('示范中学 Demo School');
    const org = new OrgAdminPage(admin);
    const joinCode = (await org.joinCode.textContent())!;
    const membersBefore = Number(await org.count('members').textContent());
    // The poster's QR, read as a camera would see it printed: the join link with the code.
    await admin.goto(`${camera.url}/org/poster`);
    const posterText = await decodeQrElement(admin.getByTestId('org-poster').locator('.poster-qr svg'));
    expect(posterText).toContain(joinCode);
    writeQrY4m(VIDEO, [posterText], { pxPerModule: 6 });

    const context = await cameraBrowser.newContext({ viewport: PHONE, locale: 'zh-CN', permissions: ['camera'] });
    const member = await context.newPage();
    member.on('pageerror', (e) => pageErrors.push(e.message));
    await new SignInPage(member, camera.url).signIn(MEMBER);
    await expect(member).not.toHaveURL(/\/signin/);
    await member.goto(`${camera.url}/declare`);
    await expect(member.getByTestId('join-code')).toHaveValue('');
    await member.getByTestId('join-scan').click();
    await expect(member.getByTestId('join-camera')).toBeVisible();
    // The camera reads the code, fills it in, stops, and moves on to the label.
    await expect(member.getByTestId('join-code')).toHaveValue(joinCode, { timeout: 20_000 });
    await expect(member.getByTestId('join-camera')).toHaveCount(0);
    await expect(member.getByTestId('join-label')).toBeFocused();
    await member.getByTestId('join-label').fill('高二(1)班 07 号');
    await member.getByTestId('join-submit').click();
    await expect(member.getByTestId('orgs-notice')).toContainText('示范中学');
    await expect(member.getByTestId('membership-label')).toHaveText('高二(1)班 07 号');
    expect(await seriousA11yFindings(member)).toEqual([]);

    await admin.goto(`${camera.url}/org`);
    await expect(org.count('members')).toHaveText(String(membersBefore + 1));
    await expect(admin.getByTestId('org-day-row').filter({ hasText: '高二(1)班 07 号' })).toHaveAttribute('data-declared', 'no');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
