// A national-platform feed that disagrees with the local code is not silence: the admin imports
// the national platform's states; the holder whose national code is red while the local one is
// green sees a notice on the code page and the records page, in zh-CN and English, saying which
// applies here and what to do; the admin sees the disagreement in the person lookup, corrects
// the status from the console, and makes and revokes a feed source's token. The console stays
// usable at 320 px and at 200 % text.

import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AdminPage } from './pages/admin.js';
import { SignInPage } from './pages/signin.js';
import { seriousA11yFindings } from './support/axe.js';
import { CHROMIUM, CHROMIUM_ARGS, TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const ADMIN = '13800000005';
const HOLDER = '13800000002';
const DOCUMENT = 'E80000002';
const SHOTS = resolve(TMP, 'screenshots');

let server: TestServer;
let browser: Browser;

test.beforeAll(async () => {
  server = await TestServer.create({ database: 'national' });
  server.cli('seed');
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

async function open(phone: string, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await new SignInPage(page, server.url).signIn(phone);
  return page;
}

test('a national red against a local green code is explained to the holder and shown to the admin', async () => {
  const admin = await open(ADMIN, 1280, 900);
  const console_ = new AdminPage(admin);
  const asOf = new Date(Date.now() - 3600_000).toISOString();
  await console_.importFile('national-state', 'national.csv', `证件类型,证件号码,全国健康码状态,状态时间\npassport,${DOCUMENT},red,${asOf}\n`);
  await expect(console_.outcome).toContainText('1');

  const holder = await open(HOLDER, 390, 844);
  const notice = holder.getByTestId('national-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('data-disagreement', 'national-stricter');
  await expect(notice).toContainText('以本码（绿码）为准');
  await expect(holder.getByTestId('my-code')).toHaveAttribute('data-status', 'green');
  expect(await seriousA11yFindings(holder)).toEqual([]);
  await holder.screenshot({ path: resolve(SHOTS, 'national-notice-code-zh.png'), fullPage: true });

  await holder.goto(`${server.url}/records`);
  await expect(holder.getByTestId('national-notice')).toContainText('国家平台：红码');
  expect(await seriousA11yFindings(holder)).toEqual([]);

  // The same person in English (a second sign-in within 60 s would wait for the SMS limit).
  await holder.getByTestId('lang-switch').click();
  await expect(holder.getByTestId('national-notice')).toContainText('this code (green) applies');
  await holder.screenshot({ path: resolve(SHOTS, 'national-notice-records-en.png'), fullPage: true });

  await console_.lookUp(DOCUMENT, '核对国家平台状态');
  await expect(admin.getByTestId('lookup-national')).toHaveAttribute('data-disagreement', 'national-stricter');

  // A correction from the console needs its note; then the person is red, with a new code.
  await admin.getByTestId('correct-submit').click();
  await expect(admin.locator('#correct-note')).toHaveAttribute('aria-invalid', 'true');
  await admin.locator('#correct-status').selectOption('red');
  await admin.locator('#correct-reason').selectOption('close-contact');
  await admin.locator('#correct-note').fill('流调复核：密接');
  await admin.getByTestId('correct-submit').click();
  await expect(admin.getByTestId('correct-done')).toBeVisible();
  await expect(console_.person).toHaveAttribute('data-status', 'red');
  // National red against local red agrees: no disagreement any more.
  await expect(admin.getByTestId('lookup-national')).not.toHaveAttribute('data-disagreement', /./);

  // A feed source's token: shown once, listed, revoked.
  await admin.locator('#token-source').fill('gz-cdc');
  await admin.getByTestId('admin-tokens').getByLabel('重点人群名单').check();
  await admin.getByTestId('admin-tokens').getByRole('button', { name: '生成令牌' }).click();
  await expect(admin.locator('#token-value')).toHaveValue(/^hgf_/);
  const row = admin.locator('[data-testid="token-row"][data-source="gz-cdc"]');
  await expect(row).toBeVisible();
  expect(await seriousA11yFindings(admin)).toEqual([]);
  await admin.screenshot({ path: resolve(SHOTS, 'admin-console-tokens-zh.png'), fullPage: true });
  await row.getByTestId('revoke-token').click();
  await expect(row).toHaveAttribute('data-revoked', 'true');

  // A desktop page, but nothing may be cut off at 320 px or at 200 % text.
  for (const [width, zoom] of [
    [320, 1],
    [1280, 2],
  ] as const) {
    await admin.setViewportSize({ width, height: 900 });
    await admin.evaluate((z) => (document.documentElement.style.fontSize = `${z * 100}%`), zoom);
    const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${width} px at ${zoom * 100} %`).toBeLessThanOrEqual(0);
  }
  await admin.evaluate(() => (document.documentElement.style.fontSize = ''));
  await admin.setViewportSize({ width: 390, height: 844 });
  await admin.screenshot({ path: resolve(SHOTS, 'admin-console-390-zh.png'), fullPage: true });
  await admin.getByTestId('lang-switch').click();
  await expect(admin.getByTestId('admin-tokens')).toContainText('Feed-source tokens');
  await admin.screenshot({ path: resolve(SHOTS, 'admin-console-390-en.png'), fullPage: true });
  await admin.setViewportSize({ width: 1280, height: 900 });
  await admin.screenshot({ path: resolve(SHOTS, 'admin-console-desktop-en.png'), fullPage: true });
});
