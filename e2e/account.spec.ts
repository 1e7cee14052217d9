// Accounts people control, in real Chromium against the real server: two devices of one holder;
// the laptop sees both, stops remembering itself, and ends the phone's session — which is signed
// out on its very next request. zh-CN and English, one h1, axe clean, screenshots at 390 and 320 px.

import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { resolve } from 'node:path';
import { AccountPage } from './pages/account.js';
import { HolderPage } from './pages/holder.js';
import { SignInPage } from './pages/signin.js';
import { latestSmsCode } from './support/api.js';
import { seriousA11yFindings } from './support/axe.js';
import { TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const SHOTS = resolve(TMP, 'screenshots');
const HOLDER = '13800000002';
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const LAPTOP_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0';

let server: TestServer;

test.beforeAll(async () => {
  server = await TestServer.create({ database: 'account' });
  server.cli('seed');
  await server.start();
});
test.afterAll(async () => {
  await server?.stop();
});

async function device(browser: Browser, userAgent: string, viewport = { width: 390, height: 844 }): Promise<BrowserContext> {
  return browser.newContext({ userAgent, viewport, locale: 'zh-CN' });
}

test('a person sees their devices, stops remembering this one, and signs the other one out', async ({ browser }) => {
  test.setTimeout(200_000);
  const phone = await device(browser, PHONE_UA);
  const phonePage = await phone.newPage();
  await new SignInPage(phonePage, server.url).signIn(HOLDER, { remember: true });
  await expect(new HolderPage(phonePage).code).toBeVisible();
  const signedInAt = Date.now();

  const laptop = await device(browser, LAPTOP_UA, { width: 1280, height: 800 });
  const page = await laptop.newPage();
  // The same number may be texted a new code only a minute later (the resend rule).
  await page.waitForTimeout(Math.max(0, signedInAt + 62_000 - Date.now()));
  await new SignInPage(page, server.url).signIn(HOLDER, { remember: true });
  await expect(new HolderPage(page).code).toBeVisible();
  await page.getByRole('link', { name: '账号与设备' }).click();
  const account = new AccountPage(page, server.url);
  await expect(account.devices).toHaveCount(2);
  await expect(account.thisDevice).toContainText('Firefox · macOS');
  await expect(account.thisDevice).toContainText('本机');
  await expect(account.otherDevices).toContainText('Chrome · Android');
  await expect(account.thisDevice.getByTestId('device-remembered')).toHaveAttribute('data-remembered', 'yes');
  expect(await page.locator('h1').count()).toBe(1);
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'account-devices-desktop.png'), fullPage: true });

  // Stop remembering this laptop: the cookie becomes a browser-session cookie.
  await account.forgetButton(account.thisDevice).click();
  await expect(account.thisDevice.getByTestId('device-remembered')).toHaveAttribute('data-remembered', 'no');
  const cookie = (await laptop.cookies()).find((c) => c.name.includes('hg_session'));
  expect(cookie?.expires).toBe(-1);

  // End the phone's session from the laptop.
  expect((await phonePage.request.get(`${server.url}/api/me`)).status()).toBe(200);
  await account.endButton(account.otherDevices).click();
  await expect(account.devices).toHaveCount(1);
  await expect(account.endOthers).toHaveCount(0);
  // Its very next request fails, and the phone says so (it still shows its saved code).
  expect((await phonePage.request.get(`${server.url}/api/me`)).status()).toBe(401);
  await phonePage.reload();
  await expect(phonePage.getByRole('alert').filter({ hasText: '登录已过期' })).toBeVisible();

  // English, at 390 and 320 px wide.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('h1')).toHaveText('Account and devices');
  await expect(account.thisDevice).toContainText('This device');
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'account-devices-en.png'), fullPage: true });
  await page.setViewportSize({ width: 320, height: 700 });
  const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  await page.screenshot({ path: resolve(SHOTS, 'account-devices-320.png'), fullPage: true });
  await phone.close();
  await laptop.close();
});

test('records offline, a code shown offline reported later, the export, and an unbinding refused without a fresh code then done', async ({ page }) => {
  test.setTimeout(200_000);
  const RED = '13800000003';
  await new SignInPage(page, server.url).signIn(RED, { remember: false });
  const signedInAt = Date.now();
  await expect(new HolderPage(page).code).toHaveAttribute('data-status', 'red');

  // The records page: red with the reason's guidance, the seeded test, no inspector anywhere.
  await page.getByRole('link', { name: '健康记录' }).click();
  await expect(page.locator('h1')).toHaveText('健康记录');
  await expect(page.getByTestId('records-status')).toHaveAttribute('data-status', 'red');
  await expect(page.getByTestId('red-guidance')).toContainText('隔离');
  await expect(page.getByTestId('records-tests')).toContainText('广州市第八人民医院');
  // The display of the code page a moment ago, reported online (refreshed in case it was still on its way).
  await page.getByRole('button', { name: '刷新' }).click();
  await expect(page.locator('[data-testid="display-row"][data-offline="no"]')).toHaveCount(1);
  expect(await page.locator('h1').count()).toBe(1);
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'records-red.png'), fullPage: true });

  // Offline: the code shown is noted on the phone, the records page shows its saved copy.
  await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
  await page.getByRole('link', { name: '健康码' }).click();
  await expect(new HolderPage(page).code).toBeVisible();
  await page.getByRole('link', { name: '健康记录' }).click();
  await expect(page.getByTestId('records-offline')).toBeVisible();
  await expect(page.locator('[data-testid="display-row"][data-offline="queued"]')).toHaveCount(1);
  await page.unroute('**/api/**');
  await page.getByRole('button', { name: '刷新' }).click();
  await expect(page.locator('[data-testid="display-row"][data-offline="yes"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="display-row"][data-offline="queued"]')).toHaveCount(0);

  // English.
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('h1')).toHaveText('Health records');
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'records-red-en.png'), fullPage: true });
  await page.setViewportSize({ width: 320, height: 700 });
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      // A wide table scrolls inside its own box; nothing else may stick out.
      .filter((el) => !el.closest('.table-wrap') && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => `${el.tagName}.${el.className}`)
      .slice(0, 5),
  );
  expect(wide, 'nothing sticks out sideways at 320 px').toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'records-red-320.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('lang-switch').click();

  // The export holds the person's records (no family members exist yet).
  const exported = await (await page.request.get(`${server.url}/api/me/export`)).json();
  expect(exported.person.name).toBe('李红');
  expect(exported.records.tests[0].institution).toBe('广州市第八人民医院');
  expect(exported.records.codeDisplays.some((d: { offline: boolean }) => d.offline)).toBe(true);
  const csv = await page.request.get(`${server.url}/api/me/export/records.csv?lang=en`);
  expect(await csv.text()).toContain('Nucleic-acid test');

  // Unbinding without a fresh code is refused; the page offers only the re-verification.
  await page.getByRole('link', { name: '账号与设备' }).click();
  await expect(page.getByTestId('unbind-warning')).toBeVisible();
  await expect(page.getByTestId('unbind-phone')).toHaveCount(0);
  const refused = await page.request.delete(`${server.url}/api/me/phone`, { headers: { origin: server.url } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe('reverify_required');
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'account-holder.png'), fullPage: true });

  // A fresh code (a new one may be texted a minute after the sign-in's), then unbinding works.
  await page.waitForTimeout(Math.max(0, signedInAt + 62_000 - Date.now()));
  await page.getByTestId('reverify-send').click();
  await expect.poll(() => latestSmsCode(server.url, RED).catch(() => ''), { timeout: 10_000 }).toMatch(/^\d{6}$/);
  await page.getByTestId('reverify-code').fill(await latestSmsCode(server.url, RED));
  await page.getByTestId('reverify-confirm').click();
  await expect(page.getByTestId('reverified')).toBeVisible();
  await page.screenshot({ path: resolve(SHOTS, 'account-reverified.png'), fullPage: true });
  await page.getByTestId('unbind-phone').click();
  await expect(page).toHaveURL(/\/signin$/);
  expect((await page.request.get(`${server.url}/api/me`)).status()).toBe(401);
});
