// Live codes, end to end, in two browser contexts of one Chromium: a holder's phone shows its live
// code; the gate's fake camera is fed a frame captured from that page and says "live"; the same
// frame shown again 3 minutes later (the gate's clock advanced) is a screenshot or replay; a
// printed code says "printed code — check it against an ID document".

import { chromium, expect, test, type Browser } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeLumaY4m } from './fixtures/y4m.js';
import { GatePage } from './pages/gate.js';
import { HolderPage } from './pages/holder.js';
import { SignInPage } from './pages/signin.js';
import { printedCode } from './support/codes.js';
import { CHROMIUM, CHROMIUM_ARGS, TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

let server: TestServer;
let browser: Browser;
const video = resolve(TMP, 'video', 'live-code.y4m');
const SHOTS = resolve(TMP, 'screenshots');

test.beforeAll(async () => {
  server = await TestServer.create({ database: 'live-code' });
  server.cli('seed');
  await server.start();
  mkdirSync(resolve(TMP, 'video'), { recursive: true });
  mkdirSync(SHOTS, { recursive: true });
  // A blank frame until the holder's page is captured: Chromium reads the file when the camera opens.
  writeLumaY4m(video, new Uint8Array(640 * 480).fill(255), 640, 480);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`, '--use-fake-ui-for-media-stream'],
  });
});

test.afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('a live code scanned from the holder page is live; the same picture 3 minutes later is a replay; a printed code says so', async () => {
  const pageErrors: string[] = [];

  // The holder's phone: signs in, registers its device key, shows the live QR.
  const holderContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const holderPage = await holderContext.newPage();
  holderPage.on('pageerror', (e) => pageErrors.push(e.message));
  await new SignInPage(holderPage, server.url).signIn('13800000002');
  const holder = new HolderPage(holderPage);
  await expect(holder.code).toHaveAttribute('data-status', 'green');
  await holder.expectLive();
  await expect(holderPage.getByTestId('live-note')).toBeVisible();
  await holderPage.screenshot({ path: resolve(SHOTS, 'holder-live.png') });
  const frame = await holder.captureFrame();
  writeLumaY4m(video, frame.luma, frame.width, frame.height);

  // The gate: an inspector's phone, its camera pointed at that frame.
  const gateContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', permissions: ['camera'] });
  const gatePage = await gateContext.newPage();
  gatePage.on('pageerror', (e) => pageErrors.push(e.message));
  await new SignInPage(gatePage, server.url).signIn('13800000001');
  await expect(gatePage).toHaveURL(/\/gate/);
  const gate = new GatePage(gatePage);
  await gate.pickVenue('venue-demo');
  await gate.expectListsHeld();

  await gate.startCamera();
  await gate.expectVerdict('green');
  await gate.expectPresence('live');
  await expect(gate.presence).toHaveText('实时码');
  await gatePage.getByTestId('temp-quick-36.5').click();
  await gatePage.screenshot({ path: resolve(SHOTS, 'gate-live.png') });
  await gate.saveTemperature('36.5');
  await gate.stopCamera();

  // Three minutes on, the same picture: a screenshot, a recording, or a forwarded photo of it.
  await gateContext.clock.setSystemTime(Date.now() + 3 * 60_000);
  await gate.startCamera();
  await gate.expectVerdict('replay');
  await expect(gatePage.getByTestId('verdict-title')).toHaveText('疑似截图或重放 · 请出示实时健康码');
  await expect(gatePage.getByTestId('verdict-reason')).toContainText('不是实时画面');
  await gatePage.screenshot({ path: resolve(SHOTS, 'gate-replay.png') });
  // A replay is not a check: it can only be scanned again or logged as a refused entry.
  await expect(gatePage.getByTestId('save-record')).toHaveCount(0);
  await expect(gatePage.getByTestId('temp-input')).toHaveCount(0);
  await gate.stopCamera();
  await gatePage.getByTestId('scan-again').click();

  // A printed code: no phone behind it, so the inspector checks it against an ID document.
  await gate.typeCode(await printedCode(server.url, '王纸码'));
  await gate.expectVerdict('green');
  await gate.expectPresence('printed');
  await expect(gatePage.getByTestId('verdict-title')).toHaveText('绿码 · 纸质码，请核对身份证件');
  await gate.saveTemperature('36.6');

  expect(pageErrors).toEqual([]);
});
