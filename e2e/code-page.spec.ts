// The code page beyond the happy path: a cached code past its validity turns the whole card grey
// ("expired — go online to refresh") while offline; a session whose IndexedDB was cleared but
// whose cookie is still valid comes back without a new SMS code; the QR has a text alternative.

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { HolderPage } from './pages/holder.js';
import { SignInPage } from './pages/signin.js';
import { seriousA11yFindings } from './support/axe.js';
import { waitForServiceWorker } from './support/browser.js';
import { TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const SHOTS = resolve(TMP, 'screenshots');
let server: TestServer;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await TestServer.create({ database: 'code-page' });
  server.cli('seed');
  await server.start();
});
test.afterAll(async () => {
  await server?.stop();
});

test('a session with its device storage cleared resumes from the cookie, no new SMS code', async ({ page }) => {
  await new SignInPage(page, server.url).signIn('13800000002');
  const holder = new HolderPage(page);
  await expect(holder.maskedName).toHaveText('张*明');
  await expect(holder.qr).toHaveAttribute('aria-label', /^张\*明的健康码，绿码，有效期至 /);
  // The browser evicts the site's IndexedDB; the cookie stays.
  await page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    for (const db of dbs) if (db.name) await new Promise((done) => Object.assign(indexedDB.deleteDatabase(db.name!), { onsuccess: done, onerror: done, onblocked: done }));
  });
  await page.goto(`${server.url}/`);
  await expect(holder.maskedName).toHaveText('张*明');
  await expect(page).toHaveURL(/\/code$/);
});

test('an expired cached code turns the whole card grey and says to go online', async ({ page }) => {
  await page.clock.install();
  // Another holder than the test before: one phone gets one SMS code a minute.
  await new SignInPage(page, server.url).signIn('13800000003');
  const holder = new HolderPage(page);
  await expect(holder.code).toHaveAttribute('data-status', 'red');
  await waitForServiceWorker(page);
  await server.stop();
  // Four days on, with the server down: the phone still has the 3-day code.
  await page.clock.fastForward(4 * 24 * 3_600_000);
  await page.reload();
  await expect(holder.code).toHaveAttribute('data-expired', 'true');
  await expect(page.getByTestId('code-status')).toHaveText('已过期');
  await expect(page.getByText('请联网刷新后再出示')).toBeVisible();
  await expect(holder.qr).toHaveAttribute('aria-label', '*红的健康码已过期，请联网刷新');
  // Not red any more on screen either: an expired code says nothing about today.
  await expect(page.getByTestId('code-reason')).toHaveCount(0);
  expect(await seriousA11yFindings(page)).toEqual([]);
  await page.screenshot({ path: resolve(SHOTS, 'code-expired.png') });
  await server.start();
});
