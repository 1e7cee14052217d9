// A resident who signed in by phone binds their own ID card on first use (issue 7 §2): the same name
// and number rules as everywhere, every refusal tied to its field (a wrong check digit on the phone,
// a number another account holds and a name that does not match at the server), then their own
// code; the account page says the identity is bound. zh-CN at 390×844 and English on a desktop.

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { HolderPage } from './pages/holder.js';
import { SignInPage } from './pages/signin.js';
import { seriousA11yFindings } from './support/axe.js';
import { TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const SHOTS = resolve(TMP, 'screenshots');
/** The demo resident without a person: 王芳, whose ID card the demo registry holds. */
const NEW_RESIDENT = '13800000050';
let server: TestServer;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await TestServer.create({ database: 'identity' });
  server.cli('seed');
  await server.start();
});
test.afterAll(async () => {
  await server?.stop();
});

test('a resident signed in by phone binds their ID card first, then sees their own code', async ({ page }) => {
  await new SignInPage(page, server.url).signIn(NEW_RESIDENT);
  await expect(page).toHaveURL(/\/identity$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('绑定身份证件');
  // Only a resident's documents are offered.
  await expect(page.getByTestId('own-type').locator('option')).toHaveText(['居民身份证', '港澳居民来往内地通行证']);
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'identity.png'), fullPage: true });
  // In English on a desktop screen (one sign-in: a second SMS code would wait a minute), with a
  // permit's issue count field.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bind your identity document');
  await page.getByTestId('own-type').selectOption('hk-macau-permit');
  await expect(page.getByTestId('own-issue-count')).toBeVisible();
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'identity-desktop-en.png'), fullPage: true });
  await page.getByTestId('own-type').selectOption('mainland-id');
  await page.getByTestId('lang-switch').click();
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('绑定身份证件');

  // A wrong check digit is caught on the phone, tied to its field.
  await page.getByTestId('own-name').fill('王芳');
  await page.getByTestId('own-number').fill('440106 19900712 0028');
  await page.getByTestId('own-bind').click();
  await expect(page.getByTestId('own-documentNumber-error')).toContainText('校验码');
  await expect(page.getByTestId('own-number')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('own-number')).toHaveAttribute('aria-describedby', 'own-documentNumber-error');

  // 张小明's card is bound to another account: refused, said so at the number.
  await page.getByTestId('own-name').fill('张小明');
  await page.getByTestId('own-number').fill('440103198805201233');
  await page.getByTestId('own-bind').click();
  await expect(page.getByTestId('own-documentNumber-error')).toContainText('已用另一个手机号码注册');
  // A name that does not match the registration, at the name.
  await page.getByTestId('own-name').fill('王方');
  await page.getByTestId('own-number').fill('440106199007120029');
  await page.getByTestId('own-bind').click();
  await expect(page.getByTestId('own-name-error')).toBeVisible();
  await expect(page.getByTestId('own-documentNumber-error')).toHaveCount(0);
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'identity-errors.png'), fullPage: true });

  // The right name, with stray spaces: bound, and on to her own code.
  await page.getByTestId('own-name').fill(' 王芳 ');
  await page.getByTestId('own-bind').click();
  await expect(page).toHaveURL(/\/code$/);
  const holder = new HolderPage(page);
  await expect(holder.maskedName).toHaveText('*芳');
  await expect(holder.code).toHaveAttribute('data-status', 'green');
  await expect(page.getByText('居民健康码')).toBeVisible();
  await holder.expectLive();

  // The account page says to whom; the identity page does not offer binding again.
  await page.getByRole('link', { name: '账号与设备' }).click();
  await expect(page.getByTestId('identity-bound')).toContainText('*芳');
  await page.goto(`${server.url}/identity`);
  await expect(page.getByTestId('own-bound')).toContainText('*芳');
  await expect(page.getByTestId('own-bind')).toHaveCount(0);
});
