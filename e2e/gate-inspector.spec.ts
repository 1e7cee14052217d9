// The gate as an inspector finds it: wedge scans that each give their own verdict, a garbage scan
// that cannot be saved as a check (only logged as a refused entry), the same verdict announced
// twice, and the page at 390×844, in landscape and at 200 % text: the verdict stays in view while
// the temperature is typed, nothing is clipped or scrolls sideways, focus is never hidden, and
// axe-core finds nothing serious. Screenshots go to e2e/.tmp/screenshots to be looked at.

import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { GatePage } from './pages/gate.js';
import { SignInPage } from './pages/signin.js';
import { seriousA11yFindings } from './support/axe.js';
import { signedCode } from './support/codes.js';
import { CHROMIUM, CHROMIUM_ARGS, TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const SHOTS = resolve(TMP, 'screenshots');
let server: TestServer;
let browser: Browser;
let page: Page;
let gate: GatePage;
const pageErrors: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await TestServer.create({ database: 'gate-inspector' });
  server.cli('seed');
  await server.start();
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await new SignInPage(page, server.url).signIn('13800000001');
  await expect(page).toHaveURL(/\/gate/);
  gate = new GatePage(page);
  await gate.pickVenue('venue-demo');
  await gate.expectListsHeld();
});

test.afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('two wedge scans in a row each give their own verdict, and never land in a field', async () => {
  const green = server.cli('issue-code', '13800000002').trim();
  const red = server.cli('issue-code', '13800000003').trim();
  await gate.manualCode.click();
  await gate.wedgeScan(green);
  await gate.expectVerdict('green');
  await expect(gate.manualCode).toHaveValue('');
  await gate.manualCode.click();
  await gate.wedgeScan(red);
  await gate.expectVerdict('red');
  await expect(gate.manualCode).toHaveValue('');
  await expect(page.getByTestId('verdict-reason')).toHaveText('密切接触者');

  // A scan while a temperature is being typed: a new scan, not digits in the temperature, and its Enter saves nothing.
  await page.getByTestId('temp-input').click();
  await page.keyboard.type('36');
  await expect(page.getByTestId('temp-input')).toHaveValue('36');
  await page.waitForTimeout(500); // the person stops typing; then the next holder's code is scanned
  await gate.wedgeScan(green);
  await gate.expectVerdict('green');
  await expect(page.getByTestId('temp-input')).toHaveValue('');
  await expect(gate.tally).toContainText('已检 0 人');
  await expect(gate.pending).toHaveText('0');
  await gate.saveTemperature('36.5');
  await expect(gate.tally).toContainText('已检 1 人');
});

test('a garbage scan cannot be saved as a check; a refused entry is logged apart from the checks', async () => {
  await gate.wedgeScan('HG1:NOT-A-CODE-AT-ALL');
  await gate.expectVerdict('malformed');
  await expect(page.getByTestId('temp-input')).toHaveCount(0);
  await expect(page.getByTestId('save-record')).toHaveCount(0);
  await expect(page.getByTestId('scan-again')).toBeVisible();
  await gate.logRefused();
  await expect(gate.saved).toContainText('不计入已检人数');
  await expect(gate.tally).toContainText('已检 1 人');
  await expect(gate.tally).toContainText('拒绝入场 1');
  await expect(gate.pending).toHaveText(/^[01]$/); // the one check, uploaded or not; never the refused entry
  const today = page.getByTestId('today-list');
  await today.locator('summary').click();
  await expect(today.locator('li')).toHaveCount(2);
  await expect(today.locator('li').first()).toContainText('拒绝入场');
  await expect(today).not.toContainText('HG1:NOT');
  await today.locator('summary').click();
});

test('the same verdict twice in a row is announced twice', async () => {
  const code = await signedCode(server.url, '赵重复');
  await gate.typeCode(code);
  await gate.expectVerdict('green');
  const first = await gate.announcer.textContent();
  const firstScan = Number(await gate.announcer.getAttribute('data-scan'));
  await page.getByTestId('discard-scan').click();
  await gate.typeCode(code);
  await gate.expectVerdict('green');
  await expect(gate.announcer).toHaveAttribute('data-scan', String(firstScan + 1));
  // The live region's text itself changes (a screen reader only speaks a change), saying the same words.
  const second = await gate.announcer.textContent();
  expect(second).not.toBe(first);
  expect(second?.trim()).toBe(first?.trim());
  await page.getByTestId('discard-scan').click();
});

/** The verdict band's bottom edge and whether it is on screen. */
const bandBox = async () => (await gate.verdict.boundingBox())!;

async function expectUsable(name: string): Promise<void> {
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`) });
  const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scrollWidth, `${name}: no sideways scrolling`).toBeLessThanOrEqual(clientWidth);
}

test('at 390×844, in landscape and at 200 % text the verdict stays in view while a temperature is typed', async () => {
  expect(await page.locator('h1').count()).toBe(1);
  await expect(page).toHaveTitle(/检测点/);
  expect(await seriousA11yFindings(page)).toEqual([]);
  await expectUsable('gate-idle');

  await gate.typeCode(await signedCode(server.url, '钱体温'));
  await gate.expectVerdict('green');
  await expect(page).toHaveTitle(/绿码/);
  expect(await seriousA11yFindings(page)).toEqual([]);
  // Every key of the keypad and the save button are on screen, below the band, with no scrolling.
  for (const key of ['key-9', 'key-back', 'save-record']) {
    const box = (await page.getByTestId(key).boundingBox())!;
    expect(box.y + box.height, key).toBeLessThanOrEqual(844);
  }
  await page.getByTestId('key-3').click();
  await page.getByTestId('key-7').click();
  await page.getByTestId('key-8').click();
  await expect(page.getByTestId('temp-input')).toHaveValue('37.8');
  await expectUsable('gate-scan-390x844');

  // Saving without a temperature: the error is tied to the field and in view.
  for (let i = 0; i < 4; i++) await page.getByTestId('key-back').click();
  await expect(page.getByTestId('temp-input')).toHaveValue('');
  await page.getByTestId('save-record').click();
  await expect(page.getByTestId('temp-error')).toHaveText('请先输入体温');
  await expect(page.getByTestId('temp-error')).toBeInViewport();
  await expect(page.getByTestId('temp-input')).toHaveAttribute('aria-describedby', /temp-error/);
  await expectUsable('gate-error-390x844');

  // Keyboard focus on the keypad is never hidden under the band.
  for (const key of ['key-1', 'key-5', 'key-9']) {
    await page.getByTestId(key).focus();
    const box = (await page.getByTestId(key).boundingBox())!;
    expect(box.y, key).toBeGreaterThanOrEqual((await bandBox()).y + (await bandBox()).height - 1);
  }

  await page.setViewportSize({ width: 844, height: 390 });
  await page.getByTestId('key-7').click();
  await expect(page.getByTestId('temp-input')).toHaveValue('7');
  await page.getByTestId('temp-quick-36.8').click();
  await expect(gate.verdict).toBeInViewport();
  await expect(page.getByTestId('save-record')).toBeInViewport();
  await expectUsable('gate-scan-landscape');
  await page.setViewportSize({ width: 390, height: 844 });

  // 200 % text, as a browser's text-size setting gives it: the temperature reads whole, the icon stays in its circle.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
  await page.getByTestId('key-back').click();
  for (const k of ['3', '7', '8']) await page.getByTestId(`key-${k}`).click();
  const input = page.getByTestId('temp-input');
  const [scrollW, clientW] = await input.evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(scrollW, 'the temperature is not clipped').toBeLessThanOrEqual(clientW);
  const icon = page.locator('.verdict-icon');
  const glyph = await icon.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const g = range.getBoundingClientRect();
    const c = el.getBoundingClientRect();
    return { inside: g.left >= c.left && g.right <= c.right && g.top >= c.top && g.bottom <= c.bottom };
  });
  expect(glyph.inside, 'the ✓ stays in its circle').toBe(true);
  await page.getByTestId('key-9').scrollIntoViewIfNeeded();
  await expect(gate.verdict).toBeInViewport();
  await expectUsable('gate-scan-200-text');
  await page.setViewportSize({ width: 320, height: 700 });
  await expectUsable('gate-scan-200-text-320');
  await page.setViewportSize({ width: 390, height: 844 });
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16, fixed: 13 } });
  await page.getByTestId('discard-scan').click();
  expect(pageErrors).toEqual([]);
});
