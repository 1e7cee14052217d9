// The network fails in the two ways that lose records in naive sync code: the server stores a
// batch but its answer never arrives, and the server dies while a batch is on its way. Either
// way the records stay in the outbox until acknowledged, and the server ends with each once.

import { expect, test, type Page } from '@playwright/test';
import { GatePage } from './pages/gate.js';
import { SignInPage } from './pages/signin.js';
import { countRows, waitForServiceWorker } from './support/browser.js';
import { TestServer } from './support/server.js';

const SYNC = '**/api/sync/checkpoints';
let server: TestServer;
let codes: string[];

test.beforeAll(async () => {
  server = await TestServer.create({ database: 'sync-faults' });
  server.cli('seed', '--extra-holders', '6');
  codes = server.cli('issue-code', ...Array.from({ length: 6 }, (_, i) => `demo-holder-${i + 1}`)).trim().split('\n');
  await server.start();
});
test.afterAll(async () => {
  await server?.stop();
});

/** With the server down, scans and saves these codes: they can only wait in the outbox. */
async function saveOffline(page: Page, gate: GatePage, batch: string[]): Promise<void> {
  await server.stop();
  for (const code of batch) {
    await gate.typeCode(code);
    await gate.expectVerdict('green');
    await gate.saveTemperature('36.6');
  }
  await expect(gate.pending).toHaveText(String(batch.length));
}

test('a lost acknowledgement and a server dying mid-sync lose nothing and store nothing twice', async ({ page }) => {
  await new SignInPage(page, server.url).signIn('13800000001');
  const gate = new GatePage(page);
  await gate.pickVenue('venue-demo');
  await waitForServiceWorker(page);
  await expect(page.getByTestId('trust-age')).not.toBeEmpty();
  await expect(page.getByTestId('redlist-age')).not.toBeEmpty();
  const db = server.env.DATABASE_URL!;

  // What the network does to each upload, switched by the test.
  let mode: 'offline' | 'lose-answer' | 'die' | 'pass' = 'offline';
  let afterLoss = 0;
  await page.route(SYNC, async (route) => {
    switch (mode) {
      case 'offline':
        return route.abort('internetdisconnected');
      case 'lose-answer': {
        mode = 'pass';
        const answer = await route.fetch(); // the server stores the batch and answers…
        expect(answer.status()).toBe(200);
        return route.abort('connectionreset'); // …and the answer never reaches the page
      }
      case 'die':
        mode = 'offline';
        await server.stop(); // the server dies with the batch on its way
        return route.continue().catch(() => undefined);
      case 'pass':
        afterLoss++;
        return route.continue();
    }
  });

  // 1. A lost acknowledgement: stored on the server, still pending on the device, resent, and
  //    answered "duplicate" — one row each.
  await saveOffline(page, gate, codes.slice(0, 3));
  await server.start();
  mode = 'lose-answer';
  await page.getByTestId('sync-now').click();
  await expect.poll(() => countRows(db, 'checkpoint_records'), { timeout: 30_000 }).toBe(3);
  await expect(gate.pending).toHaveText('0', { timeout: 60_000 });
  expect(afterLoss).toBeGreaterThan(0);
  expect(countRows(db, 'checkpoint_records')).toBe(3);

  // 2. The server dies mid-sync: nothing is acknowledged, so nothing leaves the outbox.
  mode = 'offline';
  await saveOffline(page, gate, codes.slice(3, 6));
  await server.start();
  mode = 'die';
  await page.getByTestId('sync-now').click();
  await expect.poll(() => mode, { timeout: 30_000 }).toBe('offline');
  await expect(gate.pending).toHaveText('3');
  expect(countRows(db, 'checkpoint_records')).toBe(3);

  await server.start();
  mode = 'pass';
  await page.getByTestId('sync-now').click();
  await expect(gate.pending).toHaveText('0', { timeout: 30_000 });
  expect(countRows(db, 'checkpoint_records')).toBe(6);
});
