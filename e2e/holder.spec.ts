// (a) A holder signs in with the SMS code from the dev outbox and sees a green code; with the
// server stopped, a reload still shows it (from the service worker and IndexedDB).

import { expect, test } from '@playwright/test';
import { HolderPage } from './pages/holder.js';
import { SignInPage } from './pages/signin.js';
import { waitForServiceWorker } from './support/browser.js';
import { TestServer } from './support/server.js';

let server: TestServer;

test.beforeAll(async () => {
  server = await TestServer.create({ database: 'holder' });
  server.cli('seed');
  await server.start();
});
test.afterAll(async () => {
  await server?.stop();
});

test('a green holder keeps their code when the server is down', async ({ page }) => {
  await new SignInPage(page, server.url).signIn('13800000002');
  const holder = new HolderPage(page);
  await expect(holder.code).toHaveAttribute('data-status', 'green');
  await expect(holder.qr).toBeVisible();
  await expect(holder.maskedName).toHaveText('张*明');
  await waitForServiceWorker(page);

  await server.stop();
  await page.reload();
  await expect(holder.code).toHaveAttribute('data-status', 'green');
  await expect(holder.qr).toBeVisible();
  await expect(holder.maskedName).toHaveText('张*明');
  await server.start();
});

test('a red holder sees red with the reason', async ({ page }) => {
  await new SignInPage(page, server.url).signIn('13800000003');
  const holder = new HolderPage(page);
  await expect(holder.code).toHaveAttribute('data-status', 'red');
  await expect(holder.reason).toBeVisible();
});
