// Inbound travellers: first use through the border's link (a name typed in lower case, surname last,
// with a hyphen and stray spaces, matched to the registry), the texted link coming back (a visit to
// it spends nothing; "continue" does), and the pages at 390×844 and desktop, axe clean.

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { HolderPage } from './pages/holder.js';
import { LINK, TravellerPages, latestSms } from './pages/traveller.js';
import { seriousA11yFindings } from './support/axe.js';
import { TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const SHOTS = resolve(TMP, 'screenshots');
const PHONE = '+447700900123';
let server: TestServer;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await TestServer.create({ database: 'traveller' });
  server.cli('seed');
  await server.start();
});
test.afterAll(async () => {
  await server?.stop();
});

test('a traveller signs up from the border link, gets the code, and comes back by the texted link', async ({ page, browser }) => {
  // It waits out the minute between two SMS codes to one phone, on a machine that may be busy.
  test.setTimeout(300_000);
  const traveller = new TravellerPages(page, server.url);
  await traveller.openSignUp();
  await expect(page.getByTestId('real-name-note')).toContainText('不是实人核验');
  await expect(page.getByTestId('passport-note')).toContainText('旧护照');
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'traveller-signup.png'), fullPage: true });

  // A wrong field first: each problem is tied to its field.
  await traveller.fill({ country: 'FR', name: 'jean-paul martin', number: 'X9999999', phone: '+44 7700 900123' });
  await traveller.submit();
  const numberError = page.getByTestId('signup-documentNumber-error');
  await expect(numberError).toContainText('入境时使用的护照');
  await expect(page.getByTestId('signup-number')).toHaveAttribute('aria-describedby', /signup-documentNumber-error/);
  await expect(page.getByTestId('signup-number')).toBeFocused();
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'traveller-signup-error.png'), fullPage: true });

  // Lower case, surname last, a hyphen and stray spaces: matched as MARTIN JEAN PAUL.
  await traveller.fill({ country: 'FR', name: '  jean-paul   martin ', number: '18av 12345', phone: '+44 7700 900123' });
  await traveller.submit();
  await expect(page.getByTestId('link-sent')).toBeVisible();
  await traveller.enterSmsCode(PHONE);
  const firstCodeAt = Date.now();
  const holder = new HolderPage(page);
  await expect(holder.code).toHaveAttribute('data-status', 'green');
  await expect(holder.maskedName).toHaveText('M* J* P*');
  await expect(page.getByText('入境人员健康码').first()).toBeVisible();
  await page.screenshot({ path: resolve(SHOTS, 'traveller-code.png') });

  // A companion (同行人), checked the same way, with their own traveller code on this phone.
  await page.getByTestId('family-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('同行人');
  await page.getByTestId('member-type').selectOption('passport');
  await page.getByTestId('member-name').fill('claire  martin');
  await page.getByTestId('member-number').fill('19cd67890');
  await page.getByTestId('member-add').click();
  await expect(page.getByTestId('member-added')).toContainText('M* C*');
  await page.getByText('返回健康码').click();
  await page.getByTestId('member-switch').click();
  await page.getByTestId('member-option').filter({ hasText: 'M* C*' }).click();
  await expect(holder.maskedName).toHaveText('M* C*');
  await expect(page.getByText('入境人员健康码').first()).toBeVisible();
  await holder.expectLive();
  await page.screenshot({ path: resolve(SHOTS, 'traveller-companion.png') });

  // Coming back on another phone (or after signing out) by the texted link.
  const link = await latestSms(server.url, PHONE, LINK);
  const other = await browser.newContext({ locale: 'en' });
  const again = await other.newPage();
  await again.goto(link);
  await expect(again.getByRole('heading', { level: 1 })).toHaveText('Welcome back');
  await again.screenshot({ path: resolve(SHOTS, 'traveller-return.png') });
  // Opening the page spent nothing: a reload still asks to continue.
  await again.reload();
  await again.getByTestId('link-continue').click();
  await expect(again.getByTestId('link-phone')).toContainText('+4477****0123');
  await again.getByTestId('phone-input').fill(PHONE);
  // A new SMS code for the same phone may be asked for a minute after the last one.
  await again.waitForTimeout(Math.max(0, firstCodeAt + 61_000 - Date.now()));
  await again.getByTestId('send-code').click();
  await new TravellerPages(again, server.url).enterSmsCode(PHONE);
  await expect(new HolderPage(again).maskedName).toHaveText('M* J* P*');
  expect(await seriousA11yFindings(again)).toEqual([]);

  // The link is spent now: it still offers the phone sign-in.
  const third = await other.newPage();
  await third.context().clearCookies();
  await third.goto(link);
  await expect(third.getByRole('heading', { level: 1 })).toBeVisible();
  await other.close();
});

test('the first-use form on a desktop screen, in English', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const traveller = new TravellerPages(page, server.url);
  await traveller.openSignUp();
  await expect(page.getByTestId('real-name-note')).toContainText('real-name check, not a real-person check');
  await traveller.fill({ country: 'HK', documentType: 'hk-macau-permit', name: '陈小文', number: 'H12345678', phone: 'abc' });
  await traveller.submit();
  await expect(page.getByTestId('signup-issueCount-error')).toContainText('number of renewals');
  await expect(page.getByTestId('signup-phone-error')).toBeVisible();
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'traveller-signup-desktop.png'), fullPage: true });
  await context.close();
});
