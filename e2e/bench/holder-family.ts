// The holder's code page with the family switch (issue 7): the JS it loads before the code shows
// (holder-js.ts's measure, for a guardian with a child), and the cached code shown offline at 4×
// CPU slowdown, from navigation start to the QR and the verdict in the DOM and to the frame that
// paints them. Beside it, the same for an empty page in the same browser: the part no app can save
// on this machine at its current load (reported with the numbers). Where the time goes, reload by
// reload: `npx tsx e2e/bench/holder-trace.ts`.
// Run alone: `npx tsx e2e/bench/holder-family.ts` (it builds the app first); `npm run bench` runs it too.
// BENCH_HOLDER_AGAINST=<git ref> (main, a commit) measures that commit's app beside this one, reload
// for reload in turn: a before/after at the same load on this shared machine. BENCH_HOLDER_RUNS: reloads (10).

import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import globalSetup from '../global-setup.js';
import { HolderPage } from '../pages/holder.js';
import { SignInPage } from '../pages/signin.js';
import { ApiClient } from '../support/api.js';
import { waitForServiceWorker } from '../support/browser.js';
import { CHROMIUM, CHROMIUM_ARGS, DATA_DIR, ROOT, TMP } from '../support/paths.js';
import { TestServer } from '../support/server.js';
import { benchHolderJs } from './holder-js.js';
import { fmt, median, percentile, printTable, type BenchRow } from './table.js';

export const KEEP_NAMES_SHIM = { content: 'globalThis.__name = (f) => f;' };
/** From navigation start: when the code's QR and verdict are in the DOM (a MutationObserver sees them at once), and the frame that paints them. */
export const MARK_QR = {
  content: `new MutationObserver((_, o) => { if (document.querySelector('[data-testid="code-qr"]') && document.querySelector('[data-testid="code-status"]')) { globalThis.__hgQrAt = performance.now(); requestAnimationFrame(() => (globalThis.__hgQrPaint = performance.now())); o.disconnect(); } }).observe(document, { subtree: true, childList: true });`,
};

/**
 * Reloads and waits for the paint mark. Through CDP, not a Playwright locator: a locator's injected
 * script would be evaluated on the page's main thread while it loads, and be measured as the page's.
 */
export async function reloadUntilPainted(page: Page, cdp: CDPSession): Promise<{ dom: number; paint: number }> {
  await page.reload({ waitUntil: 'commit' });
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `new Promise((done) => { const t = setInterval(() => { if (globalThis.__hgQrPaint !== undefined) { clearInterval(t); done(JSON.stringify({ dom: globalThis.__hgQrAt, paint: globalThis.__hgQrPaint })); } }, 50); setTimeout(() => { clearInterval(t); done('null'); }, 30000); })`,
    awaitPromise: true,
  });
  const t = JSON.parse(String(result.value)) as { dom: number; paint: number } | null;
  if (!t) throw new Error('the code did not show within 30 s of a reload');
  return t;
}

/** The same reloads of an empty page (one line of text) in the same browser and throttling: the floor. */
async function emptyPage(browser: Browser, runs: number): Promise<number[]> {
  const html = '<!doctype html><meta charset="utf-8"><p>healthgate</p><script>requestAnimationFrame(() => (globalThis.__hgQrPaint = globalThis.__hgQrAt = performance.now()))</script>';
  const srv = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    await ctx.addInitScript(KEEP_NAMES_SHIM);
    const page = await ctx.newPage();
    await page.goto(`http://127.0.0.1:${(srv.address() as { port: number }).port}/`);
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const paint: number[] = [];
    for (let i = 0; i < runs; i++) paint.push((await reloadUntilPainted(page, cdp)).paint);
    return paint;
  } finally {
    await ctx.close();
    srv.close();
  }
}

/** One app measured: its server (stopped while measuring) and its page, signed in with the code cached. */
interface Side {
  label: string;
  page: Page;
  cdp: CDPSession;
  dom: number[];
  paint: number[];
}

async function signedInOffline(browser: Browser, server: TestServer, label: string): Promise<Side> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await ctx.addInitScript(KEEP_NAMES_SHIM);
  await ctx.addInitScript(MARK_QR);
  const page: Page = await ctx.newPage();
  const holder = new HolderPage(page);
  await new SignInPage(page, server.url).signIn('13800000003');
  await holder.expectLive();
  await waitForServiceWorker(page);
  // The member list is known to the device, so the switch shows offline too.
  await page.getByTestId('member-switch').waitFor();
  await server.stop();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { label, page, cdp, dom: [], paint: [] };
}

async function cachedOffline(browser: Browser, servers: { server: TestServer; label: string }[], runs: number): Promise<BenchRow[]> {
  const sides: Side[] = [];
  for (const { server, label } of servers) sides.push(await signedInOffline(browser, server, label));
  // With two apps, the one not being measured is frozen: its clock and live code do not run meanwhile.
  const freeze = (side: Side, frozen: boolean) => (sides.length > 1 ? side.cdp.send('Page.setWebLifecycleState', { state: frozen ? 'frozen' : 'active' }) : Promise.resolve());
  for (const side of sides) await freeze(side, true);
  const loadBefore = loadavg()[0]!;
  for (let i = 0; i < runs; i++) {
    // Turn about: each goes first in every other round.
    for (const side of i % 2 ? [...sides].reverse() : sides) {
      await freeze(side, false);
      const t = await reloadUntilPainted(side.page, side.cdp);
      await freeze(side, true);
      side.dom.push(t.dom);
      side.paint.push(t.paint);
    }
  }
  const loadAfter = loadavg()[0]!;
  for (const side of sides) await side.page.context().close();
  const empty = await emptyPage(browser, runs);
  for (const { server } of servers) await server.start();
  const [self, ...others] = sides;
  return [
    {
      what: 'cached code shown offline: navigation start → the frame painting its QR and verdict (4× CPU, family switch)',
      result: `median ${fmt(median(self!.paint))} ms, p95 ${fmt(percentile(self!.paint, 95))} ms`,
      budget: '≤ 300 ms',
      note: `server stopped, page from the service worker, code from the device (its start-up copy); ${runs} reloads; in the DOM: median ${fmt(median(self!.dom))} ms; an empty page, same browser and throttling: median ${fmt(median(empty))} ms; load average ${fmt(loadBefore, 1)} → ${fmt(loadAfter, 1)}`,
    },
    ...others.map((side) => ({
      what: `the same, ${side.label}'s app in turn with this one's reloads`,
      result: `median ${fmt(median(side.paint))} ms, p95 ${fmt(percentile(side.paint, 95))} ms`,
      note: `in the DOM: median ${fmt(median(side.dom))} ms`,
    })),
  ];
}

/** The app as it is at a git ref, built with this run's trust root (so this run's servers and codes fit it). */
function buildAt(ref: string): string {
  const src = resolve(TMP, 'against');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', ref], { cwd: ROOT, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', src], { input: archive });
  symlinkSync(resolve(ROOT, 'node_modules'), resolve(src, 'node_modules'));
  const out = resolve(src, 'dist-web');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { cwd: src, env: { ...process.env, HG_DATA_DIR: DATA_DIR, HG_WEB_OUT: out }, stdio: 'inherit' });
  return out;
}

export async function benchHolderFamily(server: TestServer, runs = Number(process.env.BENCH_HOLDER_RUNS ?? 10)): Promise<BenchRow[]> {
  const ref = process.env.BENCH_HOLDER_AGAINST;
  const servers = [{ server, label: 'this' }];
  if (ref) {
    const against = await TestServer.create({ database: 'bench-holder-against', env: { HG_STATIC_DIR: buildAt(ref) } });
    against.cli('seed');
    await against.start();
    servers.push({ server: against, label: ref });
  }
  try {
    // Both demo holders look after a child: the code page shows the member switch.
    for (const { server: s } of servers) {
      for (const phone of ['+8613800000002', '+8613800000003']) {
        const api = new ApiClient(s.url);
        await api.signIn(phone);
        const res = await api.post('/api/me/members', { name: '张小宝', documentType: 'mainland-id', documentNumber: '440103201806150022' });
        if (res.status !== 200) throw new Error(`adding a member failed: ${res.status} ${await res.text()}`);
      }
    }
    // The sign-ins above used each phone's SMS code: a new one may be asked for a minute later.
    await new Promise((r) => setTimeout(r, 61_000));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const js = (await benchHolderJs(browser, server.url, KEEP_NAMES_SHIM)).map((r) => ({ ...r, what: `${r.what}, with the family switch` }));
      return [...js, ...(await cachedOffline(browser, servers, runs))];
    } finally {
      await browser.close();
    }
  } finally {
    for (const { server: s } of servers.slice(1)) await s.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  globalSetup();
  const server = await TestServer.create({ database: 'bench-holder-family' });
  server.cli('seed');
  await server.start();
  try {
    printTable(await benchHolderFamily(server));
  } finally {
    await server.stop();
  }
}
