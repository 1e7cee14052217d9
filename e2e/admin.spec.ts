// The authority console end to end. An admin imports a close-contact list; the listed holder's
// code turns red on their next online refresh; an inspector's phone that synced the red list
// refuses that person's older, still cached green code while the server is down. Then the admin
// withdraws the signing key from a point in time, and the inspector — after syncing — accepts a
// code the key signed before that time and refuses one it signed after.
// The console is looked at in zh-CN and English (screenshots, axe-core).

import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AdminPage } from './pages/admin.js';
import { GatePage } from './pages/gate.js';
import { HolderPage } from './pages/holder.js';
import { SignInPage } from './pages/signin.js';
import { seriousA11yFindings } from './support/axe.js';
import { waitForServiceWorker } from './support/browser.js';
import { CHROMIUM, CHROMIUM_ARGS, TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const ADMIN = '13800000005';
const HOLDER = '13800000002';
const INSPECTOR = '13800000001';
const DOCUMENT = 'E80000001';
const SHOTS = resolve(TMP, 'screenshots');

let server: TestServer;
let browser: Browser;

test.beforeAll(async () => {
  server = await TestServer.create({ database: 'admin' });
  server.cli('seed');
  // The demo holder's identity document, as the identity registry would hold it.
  const db = new Database(server.env.DATABASE_URL!);
  db.prepare('UPDATE people SET document_no = ? WHERE id = ?').run(DOCUMENT, 'demo-zhang');
  db.close();
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  await server.start();
});

test.afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(phone: string, options: { width: number; height: number; locale?: string; timezoneId?: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width, height: options.height }, locale: options.locale ?? 'zh-CN', timezoneId: options.timezoneId ?? 'Asia/Shanghai' });
  const page = await context.newPage();
  await new SignInPage(page, server.url).signIn(phone);
  return page;
}

/** Reloads the gate online and waits until it has fetched (and stored) a fresh copy of a list. */
async function reloadAndSync(page: Page, path: string): Promise<void> {
  const fetched = page.waitForResponse((r) => new URL(r.url()).pathname === path && r.status() === 200);
  await page.reload();
  await fetched;
  await new GatePage(page).expectListsHeld();
  // The list is stored right after it is checked; give IndexedDB its moment.
  await page.waitForTimeout(1000);
}

/** YYYY-MM-DDTHH:mm:ss of an instant in China Standard Time (what a datetime-local field in Asia/Shanghai shows). */
const shanghaiLocal = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19);

test('a close-contact import turns the holder red online and red-listed offline; a key withdrawn from a time splits its codes', async () => {
  test.setTimeout(240_000);
  // The holder's green code, issued before any of this (what their phone still holds).
  const oldGreen = server.cli('issue-code', HOLDER).trim();

  const gatePage = await open(INSPECTOR, { width: 390, height: 844 });
  await expect(gatePage).toHaveURL(/\/gate/);
  const gate = new GatePage(gatePage);
  await gate.pickVenue('venue-demo');
  await waitForServiceWorker(gatePage);
  await gate.expectListsHeld();
  await gate.typeCode(oldGreen);
  await gate.expectVerdict('green');

  const holderPage = await open(HOLDER, { width: 390, height: 844 });
  const holder = new HolderPage(holderPage);
  await expect(holder.code).toHaveAttribute('data-status', 'green');

  // The admin imports a close-contact list naming the holder.
  const adminPage = await open(ADMIN, { width: 1280, height: 900 });
  await expect(adminPage).toHaveURL(/\/admin/);
  const admin = new AdminPage(adminPage);
  await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('卫生健康管理台');
  const today = shanghaiLocal(Date.now()).slice(0, 10);
  const header = '证件类型,证件号码,人员类别,开始日期,结束日期,来源说明';
  await admin.importFile('key-population', 'bad.csv', `${header}\npassport,${DOCUMENT},close-contact,${today},,流调\npassport,E8,close-contact,${today},,流调\n`);
  await expect(admin.outcome).toHaveAttribute('data-applied', 'no');
  await expect(adminPage.getByTestId('import-rejected')).toContainText('第 3 行');
  await adminPage.screenshot({ path: resolve(SHOTS, 'admin-import-rejected.png'), fullPage: true });
  await admin.importFile('key-population', 'contacts.csv', `${header}\npassport,${DOCUMENT},close-contact,${today},,流调 2026-05-01\n`);
  await expect(admin.outcome).toHaveAttribute('data-applied', 'yes');
  await expect(adminPage.getByTestId('summary-redlist')).toContainText('1 条');
  await admin.lookUp(DOCUMENT, '核查导入结果');
  await expect(admin.person).toHaveAttribute('data-status', 'red');
  await expect(adminPage.getByTestId('lookup-history')).toContainText('密切接触者');
  expect(await seriousA11yFindings(adminPage)).toEqual([]);
  await adminPage.screenshot({ path: resolve(SHOTS, 'admin-console-zh.png'), fullPage: true });

  // The holder's phone was offline meanwhile; when it is next online it refreshes and shows red.
  await holderPage.context().setOffline(true);
  await holderPage.context().setOffline(false);
  await expect(holder.code).toHaveAttribute('data-status', 'red');
  await expect(holder.reason).toBeVisible();

  // The gate syncs the red list, then loses the server: the old green code is refused.
  await reloadAndSync(gatePage, '/api/redlist');
  await server.stop();
  await gatePage.reload();
  await gate.typeCode(oldGreen);
  await gate.expectVerdict('red-listed');
  await server.start();

  // Key withdrawal from a point in time: one code signed before it, one after.
  const before = server.cli('issue-code', '13800000003').trim();
  await new Promise((r) => setTimeout(r, 2100));
  const compromisedAt = Math.floor(Date.now() / 1000) * 1000;
  await new Promise((r) => setTimeout(r, 2100));
  const after = server.cli('issue-code', '13800000003').trim();
  await adminPage.reload();
  await admin.withdraw(admin.keyRow('active'), shanghaiLocal(compromisedAt));
  await expect(admin.keyRow('withdrawn')).toHaveCount(1);
  await expect(admin.keyRow('active')).toHaveCount(1);
  await adminPage.screenshot({ path: resolve(SHOTS, 'admin-keys-withdrawn.png'), fullPage: true });

  await reloadAndSync(gatePage, '/api/trust');
  await gate.typeCode(before);
  await gate.expectVerdict('red');
  await gate.typeCode(after);
  await gate.expectVerdict('unknown-key');

  // The same console in English (the language switch; a second sign-in within 60 s is refused, rightly).
  await adminPage.getByTestId('lang-switch').click();
  await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('Health authority console');
  expect(await seriousA11yFindings(adminPage)).toEqual([]);
  await adminPage.screenshot({ path: resolve(SHOTS, 'admin-console-en.png'), fullPage: true });
});
