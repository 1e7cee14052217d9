// (b) The gate loop offline: an inspector's page is reloaded from the service worker with the
// server stopped, 20 codes are scanned (the first through the camera, fed by Chromium's fake
// video capture) and saved, a reload keeps all 20 pending, the server comes back, sync stores
// exactly 20 rows, and replaying the same batch adds none.
// (c) A forged, an expired and a red code each show their own verdict.

import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeQrY4m } from './fixtures/y4m.js';
import { GatePage } from './pages/gate.js';
import { SignInPage } from './pages/signin.js';
import { countRows, waitForServiceWorker } from './support/browser.js';
import { expiredCode, forge } from './support/codes.js';
import { CHROMIUM, fakeCameraArgs, TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const INSPECTOR = '13800000001';
const VENUE = 'venue-demo';
const N = 20;

let server: TestServer;
let browser: Browser;
let codes: string[];

test.beforeAll(async () => {
  // 21 CLI processes (seed, then a code per holder): on a loaded machine each start takes seconds.
  test.setTimeout(300_000);
  server = await TestServer.create({ database: 'gate' });
  server.cli('seed', '--extra-holders', String(N));
  // One process for all N codes: a CLI start costs seconds on a loaded machine.
  codes = server.cli('issue-code', ...Array.from({ length: N }, (_, i) => `demo-holder-${i + 1}`)).trim().split('\n');
  for (const c of codes) expect(c).toMatch(/^HG1:/);

  // The camera sees the first code: a 640×480 video of it, looped by Chromium.
  mkdirSync(resolve(TMP, 'video'), { recursive: true });
  const video = resolve(TMP, 'video', 'first-code.y4m');
  writeQrY4m(video, [codes[0]!], { pxPerModule: 6 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: fakeCameraArgs(video),
  });
  await server.start();
});

test.afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// One signed-in inspector page for both tests: a second SMS code for the same phone within
// 60 s is (rightly) refused.
let opened: Promise<{ page: Page; gate: GatePage }> | undefined;
/** Uncaught errors in the page: a gate that throws while scanning is broken even if it looks fine. */
const pageErrors: string[] = [];
const openGate = () => (opened ??= signInToGate());

async function signInToGate(): Promise<{ page: Page; gate: GatePage }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', permissions: ['camera'] });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await new SignInPage(page, server.url).signIn(INSPECTOR);
  await expect(page).toHaveURL(/\/gate/);
  const gate = new GatePage(page);
  await gate.pickVenue(VENUE);
  await waitForServiceWorker(page);
  // The trust list and red list must be on the device before the network goes away.
  await expect(page.getByTestId('trust-age')).not.toBeEmpty();
  await expect(page.getByTestId('redlist-age')).not.toBeEmpty();
  return { page, gate };
}

test('(b) 20 scans offline survive reloads and sync exactly once', async () => {
  const { page, gate } = await openGate();
  const batches: string[] = [];
  page.on('request', (req) => {
    if (req.url().endsWith('/api/sync/checkpoints') && req.method() === 'POST') batches.push(req.postData() ?? '');
  });

  await server.stop();
  await page.reload();
  await expect(page.getByTestId('venue-select')).toBeVisible();

  // 1: through the camera.
  await page.getByTestId('start-camera').click();
  await gate.expectVerdict('green');
  await page.getByTestId('stop-camera').click();
  await gate.saveTemperature('36.5');

  // 2–20: typed, as a keyboard-wedge scanner or a paste would.
  const temps = ['36.2', '36.6', '38.2', '36.8'];
  for (let i = 1; i < N; i++) {
    await gate.typeCode(codes[i]!);
    await gate.expectVerdict('green');
    await gate.saveTemperature(temps[i % temps.length]!);
  }
  await expect(gate.pending).toHaveText(String(N));

  await page.reload();
  await expect(gate.pending).toHaveText(String(N));

  await server.start();
  await page.getByTestId('sync-now').click();
  await expect(gate.pending).toHaveText('0', { timeout: 30_000 });
  const dbFile = server.env.DATABASE_URL!;
  expect(countRows(dbFile, 'checkpoint_records')).toBe(N);

  // Replaying the very batches the page sent adds no row.
  expect(batches.length).toBeGreaterThan(0);
  const cookies = await page.context().cookies(server.url);
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  for (const body of batches) {
    const res = await fetch(`${server.url}/api/sync/checkpoints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: server.url },
      body,
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { status: string }[] };
    expect(results.every((r) => r.status === 'duplicate')).toBe(true);
  }
  expect(countRows(dbFile, 'checkpoint_records')).toBe(N);
  expect(pageErrors).toEqual([]);
});

test('(c) forged, expired and red codes show their verdicts', async () => {
  const { page, gate } = await openGate();
  const red = server.cli('issue-code', '13800000003').trim();

  await gate.typeCode(forge(codes[0]!));
  await gate.expectVerdict('bad-signature');

  await gate.typeCode(await expiredCode(server.url));
  await gate.expectVerdict('expired');

  await gate.typeCode(red);
  await gate.expectVerdict('red');
  await expect(page.getByTestId('verdict-reason')).toBeVisible();

  await gate.typeCode('HG1:NOT A CODE');
  await gate.expectVerdict('malformed');
  expect(pageErrors).toEqual([]);
});
