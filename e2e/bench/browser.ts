// Measurements in real Chromium against the built app and the real server: decoded text →
// verdict on screen and temperature → durably saved (at 4× CPU slowdown), the gate page
// reloaded offline, and the JS the holder's code page loads.

import { chromium, type Browser, type Page } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { GatePage } from '../pages/gate.js';
import { SignInPage } from '../pages/signin.js';
import { waitForServiceWorker } from '../support/browser.js';
import { signedCode } from '../support/codes.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/paths.js';
import type { TestServer } from '../support/server.js';
import { fmt, median, percentile, type BenchRow } from './table.js';

async function throttle(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** In the page: set the code field, submit, and time until the verdict card is painted. */
async function timeVerdict(page: Page, code: string): Promise<number> {
  return page.evaluate(async (text) => {
    const input = document.querySelector<HTMLInputElement | HTMLTextAreaElement>('[data-testid="manual-code"]')!;
    const button = document.querySelector<HTMLButtonElement>('[data-testid="manual-submit"]')!;
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    const t0 = performance.now();
    button.click();
    await new Promise<void>((resolve) => {
      const check = () => {
        if (document.querySelector('[data-testid="verdict"][data-verdict]')) resolve();
        else requestAnimationFrame(check);
      };
      check();
    });
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return performance.now() - t0;
  }, code);
}

/** In the page: press save and time until "saved" shows (after the strict IndexedDB commit). */
async function timeSave(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const save = document.querySelector<HTMLButtonElement>('[data-testid="save-record"]')!;
    const t0 = performance.now();
    save.click();
    await new Promise<void>((resolve) => {
      const check = () => {
        if (document.querySelector('[data-testid="saved-notice"]')) resolve();
        else setTimeout(check, 0);
      };
      check();
    });
    return performance.now() - t0;
  });
}

export async function benchBrowser(server: TestServer, runs = 30): Promise<BenchRow[]> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const rows: BenchRow[] = [];
  try {
    // Holder page JS: every script response the code page loads, gzipped.
    const holderCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const holderPage = await holderCtx.newPage();
    const scripts = new Map<string, number>();
    holderPage.on('response', async (res) => {
      if (res.request().resourceType() === 'script' && res.ok()) {
        scripts.set(res.url(), gzipSync(await res.body(), { level: 9 }).length);
      }
    });
    await new SignInPage(holderPage, server.url).signIn('13800000002');
    await holderPage.getByTestId('code-qr').waitFor();
    await holderPage.waitForLoadState('networkidle');
    const jsBytes = [...scripts.values()].reduce((a, b) => a + b, 0);
    rows.push({
      what: 'JS loaded by the holder code page (gzip -9)',
      result: `${fmt(jsBytes / 1024, 1)} KB`,
      budget: '≤ 60 KB',
      note: `${scripts.size} files${[...scripts.keys()].some((u) => /scanner/i.test(u)) ? ', includes the scanner!' : ''}`,
    });
    await holderCtx.close();

    // Gate page at 4× CPU slowdown.
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await new SignInPage(page, server.url).signIn('13800000001');
    const gate = new GatePage(page);
    await gate.pickVenue('venue-demo');
    await waitForServiceWorker(page);
    await page.getByTestId('trust-age').waitFor();
    const codes = await Promise.all(Array.from({ length: runs }, (_, i) => signedCode(server.url, `基准${i}`)));
    await throttle(page, 4);
    const verdictMs: number[] = [];
    const saveMs: number[] = [];
    for (const code of codes) {
      verdictMs.push(await timeVerdict(page, code));
      await page.getByTestId('temp-quick-36.5').click();
      saveMs.push(await timeSave(page));
      await page.getByTestId('verdict').waitFor({ state: 'detached' });
    }
    rows.push({
      what: 'decoded text → verdict painted (Chromium, 4× CPU slowdown)',
      result: `median ${fmt(median(verdictMs), 1)} ms, p95 ${fmt(percentile(verdictMs, 95), 1)} ms`,
      budget: '≤ 50 ms',
      note: `${runs} codes: verify + red-list lookup + render`,
    });
    rows.push({
      what: 'temperature saved durably in the outbox (4× CPU)',
      result: `median ${fmt(median(saveMs), 1)} ms, p95 ${fmt(percentile(saveMs, 95), 1)} ms`,
      budget: '≤ 20 ms',
      note: 'click → "saved" after a strict-durability IndexedDB commit',
    });

    // Gate page reloaded with the server down: served by the service worker.
    await server.stop();
    const reloads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = Date.now();
      await page.reload();
      await page.getByTestId('manual-code').waitFor();
      await page.getByTestId('venue-select').waitFor();
      reloads.push(Date.now() - t0);
    }
    rows.push({
      what: 'gate page reload offline → interactive (4× CPU)',
      result: `median ${fmt(median(reloads))} ms`,
      budget: '≤ 1.5 s',
      note: 'server stopped; 5 reloads',
    });
    await server.start();
    await ctx.close();
  } finally {
    await browser.close();
  }
  return rows;
}
