// A national-platform feed that disagrees with the local code is not silence: the admin imports
// the national platform's states; the holder whose national code is red while the local one is
// green sees a notice on the code page and the records page, in zh-CN and English, saying which
// applies here and what to do; the admin sees the disagreement in the person lookup.

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
});
