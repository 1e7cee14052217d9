// The JS the holder's code page costs, gzipped: on the first visit (sign-in to the live code), and
// on the everyday visit (a reload served by the service worker) split into what the page loads
// before the code is on screen and what it loads after (the live-code chunks, loaded after first paint).

import type { Browser } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { HolderPage } from '../pages/holder.js';
import { SignInPage } from '../pages/signin.js';
import { waitForServiceWorker } from '../support/browser.js';
import { fmt, type BenchRow } from './table.js';

/** In the page, from the start: when the code's QR first appears (performance.now()). */
const MARK_QR = {
  content: `new MutationObserver((_, o) => { if (document.querySelector('[data-testid="code-qr"]')) { globalThis.__hgQrAt = performance.now(); o.disconnect(); } }).observe(document, { subtree: true, childList: true });`,
};

export async function benchHolderJs(browser: Browser, serverUrl: string, initScript: { content: string }): Promise<BenchRow[]> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await ctx.addInitScript(initScript);
  await ctx.addInitScript(MARK_QR);
  const page = await ctx.newPage();
  const sizes = new Map<string, Promise<number>>();
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script' && res.ok() && !sizes.has(res.url())) {
      sizes.set(
        res.url(),
        res.body().then(
          (b) => gzipSync(b, { level: 9 }).length,
          () => 0,
        ),
      );
    }
  });
  const holder = new HolderPage(page);
  try {
    await new SignInPage(page, serverUrl).signIn('13800000002');
    await holder.expectLive();
    await page.waitForLoadState('networkidle');
    const first = await Promise.all([...sizes.values()]);
    const firstTotal = first.reduce((a, b) => a + b, 0);
    const scanner = [...sizes.keys()].some((u) => /scanner/i.test(u));

    // The everyday visit: the page reloaded from the service worker, the code from the device.
    await waitForServiceWorker(page);
    sizes.clear();
    await page.reload();
    await holder.expectLive();
    await page.waitForLoadState('networkidle');
    const timing = await page.evaluate(() => ({
      qrAt: (globalThis as unknown as { __hgQrAt: number }).__hgQrAt,
      scripts: performance.getEntriesByType('resource').map((e) => ({ url: e.name, end: (e as PerformanceResourceTiming).responseEnd })),
    }));
    const bytes = new Map(await Promise.all([...sizes].map(async ([url, size]) => [url, await size] as const)));
    let before = 0;
    let after = 0;
    for (const { url, end } of timing.scripts) {
      const size = bytes.get(url);
      if (size === undefined) continue;
      if (end <= timing.qrAt) before += size;
      else after += size;
      // BENCH_VERBOSE=1: each file, its size and whether it came before the code showed.
      if (process.env.BENCH_VERBOSE) process.stderr.write(`${end <= timing.qrAt ? 'before' : 'after '} ${fmt(size / 1024, 1).padStart(6)} KB ${fmt(end).padStart(6)} ms ${new URL(url).pathname}\n`);
    }
    return [
      {
        what: 'JS on the holder code page until the code shows (reload, gzip -9)',
        result: `${fmt(before / 1024, 1)} KB`,
        budget: '≤ 60 KB',
        note: `then the live-code chunks after first paint: ${fmt(after / 1024, 1)} KB`,
      },
      {
        what: 'JS loaded by the holder code page, first visit (sign-in → live code, gzip -9)',
        result: `${fmt(firstTotal / 1024, 1)} KB`,
        note: `${first.length} files, the sign-in page's and the live-code chunks included${scanner ? '; includes the scanner!' : ''}`,
      },
    ];
  } finally {
    await ctx.close();
  }
}
