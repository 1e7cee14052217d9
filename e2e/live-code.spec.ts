// Live codes, end to end, in browser contexts of one Chromium: a holder's phone shows its live
// code; the gate's fake camera is fed a frame captured from that page and says "live"; the same
// frame shown again 3 minutes later (the gate's clock advanced) is a screenshot or replay; a
// printed code says "printed code — check it against an ID document". A holder phone whose clock
// is behind hears so on its own page (and the gate sees why). The camera stays on from one person
// to the next.

import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeLumaY4m, writeQrY4m } from './fixtures/y4m.js';
import { GatePage } from './pages/gate.js';
import { HolderPage } from './pages/holder.js';
import { SignInPage } from './pages/signin.js';
import { printedCode } from './support/codes.js';
import { CHROMIUM, fakeCameraArgs, TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

let server: TestServer;
let browser: Browser;
/** One inspector's phone for every test: a second SMS code for the same phone within 60 s is (rightly) refused. */
let gateContext: BrowserContext;
let gatePage: Page;
let gate: GatePage;
const pageErrors: string[] = [];
const video = resolve(TMP, 'video', 'live-code.y4m');
const SHOTS = resolve(TMP, 'screenshots');

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await TestServer.create({ database: 'live-code' });
  server.cli('seed', '--extra-holders', '2');
  await server.start();
  mkdirSync(resolve(TMP, 'video'), { recursive: true });
  mkdirSync(SHOTS, { recursive: true });
  // A blank frame until a holder's page is captured: Chromium reads the file when the camera opens.
  writeLumaY4m(video, new Uint8Array(640 * 480).fill(255), 640, 480);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: fakeCameraArgs(video),
  });
  gateContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', permissions: ['camera'] });
  gatePage = await gateContext.newPage();
  gatePage.on('pageerror', (e) => pageErrors.push(e.message));
  await new SignInPage(gatePage, server.url).signIn('13800000001');
  await expect(gatePage).toHaveURL(/\/gate/);
  gate = new GatePage(gatePage);
  await gate.pickVenue('venue-demo');
  await gate.expectListsHeld();
});

test.afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A holder's phone, signed in and showing its live code; `clockOffsetMs` sets its clock off. */
async function holderPhone(phone: string, clockOffsetMs = 0): Promise<{ context: BrowserContext; page: Page; holder: HolderPage }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  if (clockOffsetMs) await context.clock.setSystemTime(Date.now() + clockOffsetMs);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await new SignInPage(page, server.url).signIn(phone);
  const holder = new HolderPage(page);
  await holder.expectLive();
  return { context, page, holder };
}

/** Points the gate's camera at what the holder's page shows now. */
async function cameraSees(holder: HolderPage): Promise<void> {
  const frame = await holder.captureFrame();
  writeLumaY4m(video, frame.luma, frame.width, frame.height);
}

test('a live code scanned from the holder page is live; the same picture 3 minutes later is a replay; a printed code says so', async () => {
  const phone = await holderPhone('13800000002');
  await expect(phone.holder.code).toHaveAttribute('data-status', 'green');
  await expect(phone.page.getByTestId('live-note')).toBeVisible();
  await expect(phone.page.getByTestId('clock-hint')).toHaveCount(0);
  await phone.page.screenshot({ path: resolve(SHOTS, 'holder-live.png') });
  await cameraSees(phone.holder);

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
  await gateContext.clock.setSystemTime(Date.now());

  // A printed code: no phone behind it, so the inspector checks it against an ID document.
  await gate.typeCode(await printedCode(server.url, '王纸码'));
  await gate.expectVerdict('green');
  await gate.expectPresence('printed');
  await expect(gatePage.getByTestId('verdict-title')).toHaveText('绿码 · 纸质码，请核对身份证件');
  await gate.saveTemperature('36.6');
  await phone.context.close();
  expect(pageErrors).toEqual([]);
});

test('a holder phone whose clock is behind is told so, and the gate sees its live code as too old', async () => {
  const phone = await holderPhone('13900000001', -5 * 60_000);
  await expect(phone.page.getByTestId('clock-hint')).toContainText('本机时间慢了 5 分钟');
  await cameraSees(phone.holder);
  await gate.startCamera();
  await gate.expectVerdict('replay');
  await expect(gatePage.getByTestId('verdict-reason')).toContainText('不是实时画面');
  await gate.stopCamera();
  await gatePage.getByTestId('scan-again').click();
  await phone.context.close();
  expect(pageErrors).toEqual([]);
});

test('the camera stays on from one person to the next: two codes in a row, two taps each', async () => {
  const before = Number((await gate.tally.textContent())?.match(/已检 (\d+) 人/)?.[1]);
  writeQrY4m(video, [server.cli('issue-code', '13900000002').trim(), server.cli('issue-code', '13800000003').trim()], {
    pxPerModule: 5,
    framesPerCode: 45,
    blankFramesBetween: 30,
  });
  await gate.startCamera();
  await gate.expectVerdict('green');
  await gate.saveTemperature('36.5');
  await gate.expectVerdict('red'); // the next person, with no tap on the camera
  await gate.saveTemperature('36.6');
  await expect(gate.tally).toContainText(`已检 ${before + 2} 人`);
  await gate.stopCamera();
  expect(pageErrors).toEqual([]);
});
