// A resident whose phone the server does not know signs up (issue 7 §2): from the sign-in page's
// "first time?" link, name + ID card + phone, a name that does not match the registry refused on its
// field, then the SMS code, and the account exists with a green code; a gate inspector registering on
// the work phone gets their own code. The page at 390×844 in zh-CN and English, axe-clean.

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { HolderPage } from './pages/holder.js';
import { latestSms, SMS_CODE } from './pages/traveller.js';
import { seriousA11yFindings } from './support/axe.js';
import { TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const SHOTS = resolve(TMP, 'screenshots');
/** A number no account has. */
const PHONE = '13900000031';
let server: TestServer;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await TestServer.create({ database: 'register' });
  server.cli('seed');
  await server.start();
});
test.afterAll(async () => {
  await server?.stop();
});

/** Types the SMS code texted to `phone`; the person's own green code is then on screen. */
async function verifyAndSeeOwnCode(page: Page, phone: string, maskedName: string): Promise<void> {
  await page.getByTestId('otp-input').fill(await latestSms(server.url, `+86${phone}`, SMS_CODE));
  await page.getByTestId('verify-code').click();
  const holder = new HolderPage(page);
  await expect(page).toHaveURL(/\/code$/);
  await expect(holder.maskedName).toHaveText(maskedName);
  await expect(holder.code).toHaveAttribute('data-status', 'green');
}

test('a new resident registers from the sign-in page and sees a green code', async ({ page }) => {
  await page.goto(`${server.url}/signin`);
  await page.getByTestId('register-link').click();
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('居民注册');
  // Only a resident's documents are offered.
  await expect(page.getByTestId('register-type').locator('option')).toHaveText(['居民身份证', '港澳居民来往内地通行证']);
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'register.png'), fullPage: true });

  // A name the registry does not hold for this number: refused at the name, tied to it.
  await page.getByTestId('register-name').fill('王方');
  await page.getByTestId('register-number').fill('440106 19900712 0029');
  await page.getByTestId('register-phone').fill(PHONE);
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('register-name-error')).toBeVisible();
  await expect(page.getByTestId('register-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('register-name')).toHaveAttribute('aria-describedby', /register-name-error/);
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'register-name-error.png'), fullPage: true });

  // The right name: the check passes and the code is texted to the new number.
  await page.getByTestId('register-name').fill('王芳');
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('register-checked')).toContainText(PHONE);
  await expect(page.getByTestId('otp-input')).toBeFocused();
  await verifyAndSeeOwnCode(page, PHONE, '*芳');
});

test('a gate inspector registers on the work phone and gets their own code, not the gate', async ({ page }) => {
  const INSPECTOR = '13800000001';
  await page.goto(`${server.url}/register`);
  await page.getByTestId('register-name').fill('张建国');
  await page.getByTestId('register-number').fill('44010319550301456X');
  await page.getByTestId('register-phone').fill(INSPECTOR);
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('register-checked')).toContainText(INSPECTOR);
  // Their code, not the gate the phone's staff account would open.
  await verifyAndSeeOwnCode(page, INSPECTOR, '张*国');
  // A sign-in by this phone still opens the gate: server/holders/residents.test.ts (a second SMS code
  // would wait a minute here).
});

test('the sign-up page in English at 390×844 and on a desktop', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/signin`);
  await expect(page.getByTestId('register-link')).toHaveText('Register as a resident');
  await page.getByTestId('register-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resident sign-up');
  await page.getByTestId('register-submit').click();
  // Every empty field marked at once, on the phone, before any request.
  await expect(page.getByTestId('register-error')).toHaveText('Please check the fields marked below.');
  await expect(page.getByTestId('register-phone')).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'register-en.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: resolve(SHOTS, 'register-en-desktop.png'), fullPage: true });
  await context.close();
});
