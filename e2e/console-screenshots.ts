// Screenshots of the two desktop consoles — the authority's (/admin, with a person looked up) and
// the organisation admin's (/org, the day's declarations) — at 390×844, 320 px,
// 390 px with 200 % text, and on a desktop screen, in zh-CN and English, from the real build
// against a seeded server, into e2e/.tmp/screenshots/console/. Not a test: it is how their tables
// are looked at on a phone. Run: `npx tsx e2e/console-screenshots.ts` (HG_SKIP_BUILD=1 reuses the last build).

import { chromium, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import globalSetup from './global-setup.js';
import { AdminPage } from './pages/admin.js';
import { SignInPage } from './pages/signin.js';
import { CHROMIUM, CHROMIUM_ARGS, TMP } from './support/paths.js';
import { TestServer } from './support/server.js';

const OUT = resolve(TMP, 'screenshots', 'console');
const VIEWS = {
  phone: { width: 390, height: 844, text: 1 },
  narrow: { width: 320, height: 700, text: 1 },
  'phone-200-text': { width: 390, height: 844, text: 2 },
  desktop: { width: 1280, height: 900, text: 1 },
} as const;

/** Every view of the page as it is now, in both languages (the language switch in the top bar). */
async function shootAll(page: Page, name: string, settle: () => Promise<void>): Promise<void> {
  for (const lang of ['zh-CN', 'en'] as const) {
    // The page opens in zh-CN (the context's locale); the switch turns it to English.
    if (lang === 'en') await page.getByTestId('lang-switch').click();
    await settle();
    for (const [view, { width, height, text }] of Object.entries(VIEWS)) {
      await page.setViewportSize({ width, height });
      // 200 % text: the root font size doubled, as a browser's text-size setting does.
      await page.evaluate((scale) => (document.documentElement.style.fontSize = scale === 1 ? '' : `${scale * 100}%`), text);
      await page.waitForTimeout(200);
      // What sticks out past the right edge, if anything: elements, and text running out of its box.
      const { overflow, culprits } = await page.evaluate(() => {
        const past = (right: number) => right > window.innerWidth + 1;
        const found = [...document.querySelectorAll('body *')]
          .filter((e) => past(e.getBoundingClientRect().right) && ![...e.children].some((c) => past(c.getBoundingClientRect().right)))
          .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(n);
          if (past(range.getBoundingClientRect().right)) found.push(`text "${(n.textContent ?? '').slice(0, 30)}" in ${n.parentElement?.tagName.toLowerCase()}`);
        }
        return { overflow: document.documentElement.scrollWidth - window.innerWidth, culprits: found.slice(0, 5) };
      });
      await page.screenshot({ path: resolve(OUT, `${name}-${view}-${lang}.png`), fullPage: true });
      // Each table on its own, readable at full size.
      const tables = page.locator('.table-cards');
      for (let i = 0; i < (await tables.count()); i++) await tables.nth(i).screenshot({ path: resolve(OUT, `${name}-${view}-${lang}-table-${i + 1}.png`) });
      console.log(`${name}-${view}-${lang}: sideways overflow ${overflow} px${overflow > 0 ? `: ${culprits.join(', ')}` : ''}`);
    }
  }
}

if (!process.env.HG_SKIP_BUILD) globalSetup();
mkdirSync(OUT, { recursive: true });
const server = await TestServer.create({ database: 'console-screenshots' });
server.cli('seed');
await server.start();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const admin = await (await browser.newContext({ locale: 'zh-CN', viewport: VIEWS.desktop })).newPage();
  await new SignInPage(admin, server.url).signIn('13800000005');
  await admin.getByTestId('admin-lookup').waitFor();
  await new AdminPage(admin).lookUp('440103198805201233', '核对投诉 / checking a complaint');
  await admin.getByTestId('lookup-person').waitFor();
  await shootAll(admin, 'admin', () => admin.getByTestId('lookup-person').waitFor());

  const org = await (await browser.newContext({ locale: 'zh-CN', viewport: VIEWS.desktop })).newPage();
  await new SignInPage(org, server.url).signIn('13800000006');
  await shootAll(org, 'org', () => org.getByTestId('org-day-table').waitFor());
  console.log(`screenshots in ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
