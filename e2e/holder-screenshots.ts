// Screenshots of every holder page — code (with the family switch), family, print, identity, travel,
// records, account — at 390×844 and on a desktop screen, in zh-CN and English, from the real build
// against a seeded server, into e2e/.tmp/screenshots/holder/. Not a test: it is how the pages are
// looked at (and how the README's pictures are made).
// Run: `npx tsx e2e/holder-screenshots.ts` (builds the app first; HG_SKIP_BUILD=1 reuses the last build).

import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import globalSetup from './global-setup.js';
import { SignInPage } from './pages/signin.js';
import { CHROMIUM, CHROMIUM_ARGS, TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const OUT = resolve(TMP, 'screenshots', 'holder');
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;
const LANGS = ['zh-CN', 'en'] as const;

/** A signed-in holder's pages, each once the page has settled. */
const SIGNED_IN: [name: string, open: (page: Page, url: string) => Promise<void>][] = [
  ['code', async (page, url) => {
    await page.goto(`${url}/code`);
    await page.locator('[data-live="true"]').waitFor();
    await page.getByTestId('member-switch').waitFor();
  }],
  ['family', async (page, url) => {
    await page.goto(`${url}/family`);
    await page.getByTestId('family-list').waitFor();
  }],
  ['print', async (page, url) => {
    await page.goto(`${url}/family`);
    await page.getByTestId('print-all').click();
    await page.getByTestId('print-make').click();
    await page.getByTestId('print-card').first().waitFor();
  }],
  ['records', async (page, url) => {
    await page.goto(`${url}/records`);
    await page.getByTestId('records-status').waitFor();
  }],
  ['account', async (page, url) => {
    await page.goto(`${url}/account`);
    await page.getByTestId('device').first().waitFor();
  }],
];

async function shoot(browser: Browser, server: TestServer, lang: (typeof LANGS)[number], phone: string): Promise<void> {
  const ctx = await browser.newContext({ locale: lang, viewport: VIEWPORTS.phone });
  const page = await ctx.newPage();
  // Signed out first: the traveller's first-use page.
  for (const [vp, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.goto(`${server.url}/travel`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.screenshot({ path: resolve(OUT, `travel-${vp}-${lang}.png`), fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS.phone);
  await new SignInPage(page, server.url).signIn(phone);
  await page.getByTestId('my-code').waitFor();
  const added = await page.request.post(`${server.url}/api/me/members`, { headers: { origin: server.url }, data: { name: '张小宝', documentType: 'mainland-id', documentNumber: '440103201806150022' } });
  if (!added.ok()) throw new Error(`adding a member failed: ${added.status()} ${await added.text()}`);
  for (const [name, open] of SIGNED_IN) {
    for (const [vp, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      await open(page, server.url);
      await page.waitForTimeout(300);
      await page.screenshot({ path: resolve(OUT, `${name}-${vp}-${lang}.png`), fullPage: true });
    }
  }
  await ctx.close();
}

if (!process.env.HG_SKIP_BUILD) globalSetup();
mkdirSync(OUT, { recursive: true });
const server = await TestServer.create({ database: 'holder-screenshots' });
server.cli('seed');
await server.start();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  // 张小明 (green, with example records) in Chinese; 李红 (red) in English, each looking after 张小宝.
  await shoot(browser, server, 'zh-CN', '13800000002');
  await shoot(browser, server, 'en', '13800000003');
  // The resident without an identity yet, on the identity page.
  for (const lang of LANGS) {
    const ctx = await browser.newContext({ locale: lang, viewport: VIEWPORTS.phone });
    const page = await ctx.newPage();
    if (lang === 'en') await page.waitForTimeout(61_000); // a new SMS code to the same phone waits a minute
    await new SignInPage(page, server.url).signIn('13800000050');
    await page.getByTestId('own-bind').waitFor();
    for (const [vp, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      await page.screenshot({ path: resolve(OUT, `identity-${vp}-${lang}.png`), fullPage: true });
    }
    await ctx.close();
  }
  console.log(`screenshots in ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
