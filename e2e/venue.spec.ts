// Venues end to end: a manager registers a venue with the cascading area picker and gets its
// declaration code; a second change in the same week is refused with the date it is allowed from;
// an inspector binds by scanning the declaration code (Chromium's fake camera), records offline
// and syncs; the manager sees the inspector by tag only and unbinds it while the gate is offline;
// back online, the record captured before the unbind counts and the one captured after it is
// rejected with a reason on the gate. A
// visitor checks in with the gate's sunflower code (one who is signed out signs in first and comes
// back to the check-in); a forged one is refused. A red code's guidance.
// zh-CN and English, axe-clean, screenshots under e2e/.tmp/screenshots.

import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeQrY4m } from './fixtures/y4m.js';
import { GatePage } from './pages/gate.js';
import { SignInPage } from './pages/signin.js';
import { VenuePages } from './pages/venue.js';
import { seriousA11yFindings } from './support/axe.js';
import { countRows, waitForServiceWorker } from './support/browser.js';
import { CHROMIUM, fakeCameraArgs, TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const NEW_MANAGER = '13800000040';
const INSPECTOR = '13800000001';
const VISITOR = '13800000002';
/** An extra demo holder (seed --extra-holders), who opens the check-in link before signing in. */
const VISITOR_SIGNED_OUT = '13900000001';
const SHOTS = resolve(TMP, 'screenshots');
const VIDEO = resolve(TMP, 'video', 'declaration-code.y4m');

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];

test.beforeAll(async () => {
  server = await TestServer.create({ database: 'venue' });
  server.cli('seed', '--extra-holders', '3');
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(resolve(TMP, 'video'), { recursive: true });
  // A placeholder until the venue exists: Chromium reads the file again each time the camera opens.
  writeQrY4m(VIDEO, ['HGV1:PLACEHOLDER'], { pxPerModule: 6 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: fakeCameraArgs(VIDEO),
  });
  await server.start();
});

test.afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Scrolled to the top before a full-page screenshot, so the sticky top bar stays at the top of the picture. */
async function top(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function open(phone: string, locale = 'zh-CN'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale, permissions: ['camera'] });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await new SignInPage(page, server.url).signIn(phone);
  return { context, page };
}

test('a venue from registration to an unbound inspector', async () => {
  // The scenario waits out the clock tolerance of a binding's end (30 s) once.
  test.setTimeout(300_000);
  // The manager registers, zh-CN.
  const { page: mgr } = await open(NEW_MANAGER);
  await expect(mgr).toHaveURL(/\/venue$/);
  await expect(mgr.getByTestId('venue-register')).toBeVisible();
  const venue = new VenuePages(mgr, server.url);
  // Nothing filled in: every field says what it needs, tied to it.
  await venue.submit();
  await expect(mgr.getByTestId('venue-name-error')).toBeVisible();
  await expect(mgr.getByTestId('venue-name')).toHaveAttribute('aria-describedby', /venue-name-error/);
  await venue.fillForm({ area: ['44', '4401', '440103', '440103001'], address: '沙面南街 52 号', type: 'dining-lodging', name: '沙面茶楼', phone: NEW_MANAGER });
  await top(mgr);
  await mgr.screenshot({ path: resolve(SHOTS, 'venue-register.png'), fullPage: true });
  await venue.submit();
  await expect(mgr.getByTestId('venue-details')).toBeVisible();
  await expect(mgr.getByTestId('venue-area-label')).toHaveText('广东省广州市荔湾区沙面街道');
  await expect(venue.declarationCode).toHaveText(/^HGV1:[A-HJ-NP-Z2-9]{16}$/);
  const declaration = (await venue.declarationCode.textContent())!;
  expect(await mgr.content()).not.toContain(NEW_MANAGER);
  await expect(mgr.getByTestId('declaration-qr')).toBeVisible();
  expect(await seriousA11yFindings(mgr)).toEqual([]);
  await top(mgr);
  await mgr.screenshot({ path: resolve(SHOTS, 'venue-details.png'), fullPage: true });

  // One change this week; the second is refused with the date it is allowed from.
  await venue.openEdit();
  await venue.fillForm({ name: '沙面茶楼（南街店）' });
  await venue.submit();
  await expect(mgr.getByRole('heading', { level: 1 })).toHaveText('沙面茶楼（南街店）');
  await expect(mgr.getByTestId('venue-edit-from')).toContainText('起可再次修改');
  await venue.openEdit();
  await venue.fillForm({ name: '沙面茶楼三号' });
  await venue.submit();
  await expect(venue.formError).toContainText('本周已修改过');
  await expect(venue.formError).toContainText('星期一');
  await top(mgr);
  await mgr.screenshot({ path: resolve(SHOTS, 'venue-edit-refused.png'), fullPage: true });
  await mgr.goto(`${server.url}/venue/poster`);
  await expect(mgr.getByTestId('venue-poster')).toContainText(declaration);
  await top(mgr);
  await mgr.screenshot({ path: resolve(SHOTS, 'venue-poster.png'), fullPage: true });

  // The inspector binds by pointing the camera at the declaration code.
  writeQrY4m(VIDEO, [declaration], { pxPerModule: 6 });
  const { page: insp } = await open(INSPECTOR);
  await expect(insp).toHaveURL(/\/gate/);
  const gate = new GatePage(insp);
  await gate.startCamera();
  await expect(insp.getByTestId('bind-notice')).toContainText('沙面茶楼（南街店）', { timeout: 20_000 });
  await gate.stopCamera();
  await expect(insp.getByTestId('venue-select')).toHaveValue(/^venue-/);
  const tag = ((await insp.getByTestId('my-tag').textContent()) ?? '').match(/[A-HJ-NP-Z2-9]{6}/)?.[0];
  expect(tag).toBeTruthy();
  await waitForServiceWorker(insp);
  await gate.expectListsHeld();

  // A red code shows its reason and what to tell the person.
  await gate.typeCode(server.cli('issue-code', '13800000003').trim());
  await gate.expectVerdict('red');
  await expect(insp.getByTestId('red-guidance')).toContainText('请勿放行');
  await insp.getByTestId('red-guidance').locator('summary').click();
  await expect(insp.getByTestId('red-guidance')).toContainText('密切接触者');
  await top(insp);
  await insp.screenshot({ path: resolve(SHOTS, 'gate-red-guidance.png'), fullPage: true });
  await insp.getByTestId('discard-scan').click();

  // Offline: a check is recorded and waits; back online it syncs.
  const code = server.cli('issue-code', 'demo-holder-1').trim();
  await server.stop();
  await gate.typeCode(code);
  await gate.expectVerdict('green');
  await gate.saveTemperature('36.5');
  await expect(gate.pending).toHaveText('1');
  await server.start();
  await insp.getByTestId('sync-now').click();
  await expect(gate.pending).toHaveText('0', { timeout: 30_000 });
  const db = server.env.DATABASE_URL!;
  expect(countRows(db, 'checkpoint_records')).toBe(1);

  // A visitor checks in with the sunflower code the gate shows; a forged one is refused on the phone.
  await insp.getByTestId('checkin-code').locator('summary').click();
  const link = (await insp.getByTestId('checkin-qr').getAttribute('data-link'))!;
  expect(link).toMatch(/\/checkin#HGK1:/);
  await top(insp);
  await insp.screenshot({ path: resolve(SHOTS, 'gate-checkin-code.png'), fullPage: true });
  const { page: visitor } = await open(VISITOR);
  await expect(visitor).toHaveURL(/\/code/);
  await visitor.goto(link);
  await expect(visitor.getByTestId('checkin-done')).toContainText('沙面茶楼（南街店）');
  await expect(visitor.getByTestId('checkin-sent')).toHaveText('已上传');
  expect(countRows(db, 'checkins')).toBe(1);
  expect(await seriousA11yFindings(visitor)).toEqual([]);
  await visitor.screenshot({ path: resolve(SHOTS, 'checkin-done.png') });
  // Offline, the check-in is saved on the phone and goes up once the server is back.
  await visitor.goto(`${server.url}/code`);
  await waitForServiceWorker(visitor);
  await server.stop();
  await visitor.goto(link);
  await expect(visitor.getByTestId('checkin-done')).toContainText('沙面茶楼（南街店）');
  await expect(visitor.getByTestId('checkin-sent')).toContainText('无网络');
  await server.start();
  await expect(visitor.getByTestId('checkin-sent')).toHaveText('已上传', { timeout: 30_000 });
  expect(countRows(db, 'checkins')).toBe(2);
  const forged = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
  await visitor.goto(`${server.url}/code`);
  await visitor.goto(forged);
  await expect(visitor.getByTestId('checkin-reason')).toContainText(/伪造|不是有效/);
  expect(countRows(db, 'checkins')).toBe(2);

  // A visitor who is not signed in: the link leads to sign-in, then back to the check-in, which completes.
  const signedOut = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const newcomer = await signedOut.newPage();
  newcomer.on('pageerror', (e) => pageErrors.push(e.message));
  await newcomer.goto(link);
  await expect(newcomer).toHaveURL(/\/signin$/);
  await expect(newcomer.getByTestId('signin-for-checkin')).toContainText('登录后将继续完成场所扫码登记');
  expect(await seriousA11yFindings(newcomer)).toEqual([]);
  await newcomer.screenshot({ path: resolve(SHOTS, 'checkin-signin.png') });
  await new SignInPage(newcomer, server.url).signIn(VISITOR_SIGNED_OUT, { here: true });
  await expect(newcomer).toHaveURL(/\/checkin#HGK1:/);
  await expect(newcomer.getByTestId('checkin-done')).toContainText('沙面茶楼（南街店）');
  await expect(newcomer.getByTestId('checkin-sent')).toHaveText('已上传');
  expect(countRows(db, 'checkins')).toBe(3);
  // The destination was used once: signing in again later goes to the person's own page.
  expect(await newcomer.evaluate(() => sessionStorage.getItem('hg.returnTo'))).toBeNull();
  await signedOut.close();

  // The gate loses its connection (uploads fail): a check made while still bound waits on the phone.
  const SYNC = '**/api/sync/checkpoints';
  await insp.route(SYNC, (route) => route.abort('internetdisconnected'));
  await gate.typeCode(server.cli('issue-code', 'demo-holder-2').trim());
  await gate.expectVerdict('green');
  await gate.saveTemperature('36.6');
  await expect(gate.pending).toHaveText('1');

  // The manager sees the inspector by tag only, and unbinds it meanwhile.
  await venue.openMembers();
  await expect(venue.inspectorTags()).toHaveText([`检测员 ${tag}`]);
  expect(await mgr.content()).not.toContain(INSPECTOR);
  expect(await seriousA11yFindings(mgr)).toEqual([]);
  await top(mgr);
  await mgr.screenshot({ path: resolve(SHOTS, 'venue-members.png'), fullPage: true });
  await venue.unbind(tag!);
  await expect(mgr.getByTestId('members-none')).toBeVisible();

  // Still offline, a check made after the unbind — past the 30 seconds allowed for clocks.
  await insp.waitForTimeout(31_000);
  await gate.typeCode(server.cli('issue-code', 'demo-holder-3').trim());
  await gate.expectVerdict('green');
  await gate.saveTemperature('36.7');
  await expect(gate.pending).toHaveText('2');

  // Back online, both go up: the one captured while bound counts, the later one is refused with the reason.
  await insp.unroute(SYNC);
  await insp.getByTestId('sync-now').click();
  await expect(insp.getByTestId('rejected-list')).toContainText('该记录采集时您未绑定该场所', { timeout: 30_000 });
  await expect(gate.pending).toHaveText('0');
  expect(countRows(db, 'checkpoint_records')).toBe(2);
  await insp.getByTestId('rejected-list').scrollIntoViewIfNeeded();
  await top(insp);
  await insp.screenshot({ path: resolve(SHOTS, 'gate-unbound-rejected.png'), fullPage: true });

  // English: the manager's pages in the other language.
  await mgr.goto(`${server.url}/venue`);
  await mgr.getByTestId('lang-switch').click();
  await expect(mgr.getByTestId('venue-details')).toContainText('Venue declaration code');
  await expect(mgr.getByTestId('venue-edit-from')).toContainText('It can be changed again from Monday');
  expect(await seriousA11yFindings(mgr)).toEqual([]);
  await top(mgr);
  await mgr.screenshot({ path: resolve(SHOTS, 'venue-details-en.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
});
