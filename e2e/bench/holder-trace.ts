// Where the cached code's offline paint goes (issue 7 §5): one holder signed in, the server
// stopped, 4× CPU, a few reloads each traced over the Chrome DevTools Protocol. Prints, per reload,
// the navigation's service-worker answer, each script's arrival, IndexedDB opens and reads, and the
// main thread's work by kind before the QR is in the DOM.
// `npx tsx e2e/bench/holder-trace.ts [reloads]` (builds the app first unless BENCH_NO_BUILD=1;
// BENCH_WEB=<dir> serves another build made with the same data directory, to compare).

import { chromium } from '@playwright/test';
import globalSetup from '../global-setup.js';
import { HolderPage } from '../pages/holder.js';
import { SignInPage } from '../pages/signin.js';
import { waitForServiceWorker } from '../support/browser.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/paths.js';
import { TestServer } from '../support/server.js';
import { KEEP_NAMES_SHIM, MARK_QR, reloadUntilPainted } from './holder-family.js';

const IDB_MARKS = {
  content: `(() => {
    const log = (globalThis.__hgIdb = []);
    const t = () => performance.now();
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...a) { const at = t(); const r = open.apply(this, a); r.addEventListener('success', () => log.push(['open ' + a[0], at, t()])); return r; };
    for (const name of ['get', 'getAll']) {
      const call = IDBObjectStore.prototype[name];
      IDBObjectStore.prototype[name] = function (...a) { const at = t(); const r = call.apply(this, a); r.addEventListener('success', () => log.push([name + ' ' + this.name + ' ' + String(a[0] ?? '').slice(0, 20), at, t()])); return r; };
    }
  })();`,
};

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: { url?: string; functionName?: string } };
}

const runs = Number(process.argv[2] ?? 3);
if (!process.env.BENCH_NO_BUILD) globalSetup();
const server = await TestServer.create({ database: 'bench-holder-trace', env: process.env.BENCH_WEB ? { HG_STATIC_DIR: process.env.BENCH_WEB } : {} });
server.cli('seed');
await server.start();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await ctx.addInitScript(KEEP_NAMES_SHIM);
  await ctx.addInitScript(MARK_QR);
  await ctx.addInitScript(IDB_MARKS);
  const page = await ctx.newPage();
  const holder = new HolderPage(page);
  await new SignInPage(page, server.url).signIn('13800000003');
  await holder.expectLive();
  await waitForServiceWorker(page);
  await page.waitForTimeout(1500);
  await server.stop();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  for (let i = 0; i < runs; i++) {
    const events: TraceEvent[] = [];
    const collect = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
    cdp.on('Tracing.dataCollected', collect);
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute,blink.user_timing,loading,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    await reloadUntilPainted(page, cdp);
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', collect);
    const t = await page.evaluate(() => {
      const g = globalThis as unknown as { __hgQrAt: number; __hgQrPaint: number; __hgIdb: [string, number, number][] };
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        qr: g.__hgQrAt, paint: g.__hgQrPaint, idb: g.__hgIdb,
        nav: { workerStart: nav.workerStart, fetchStart: nav.fetchStart, responseStart: nav.responseStart, responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, dcl: nav.domContentLoadedEventEnd },
        res: performance.getEntriesByType('resource').map((e) => { const r = e as PerformanceResourceTiming; return [new URL(r.name).pathname, Math.round(r.startTime), Math.round(r.responseEnd)] as const; }),
      };
    });
    const f = (n: number) => n.toFixed(0).padStart(5);
    console.log(`\n=== reload ${i + 1}: QR in DOM ${f(t.qr)} ms, painted ${f(t.paint)} ms`);
    console.log(`nav: workerStart ${f(t.nav.workerStart)} fetchStart ${f(t.nav.fetchStart)} responseStart ${f(t.nav.responseStart)} responseEnd ${f(t.nav.responseEnd)} domInteractive ${f(t.nav.domInteractive)} DCL ${f(t.nav.dcl)}`);
    for (const [u, s, e] of t.res) console.log(`  res ${f(s)} → ${f(e)}  ${u}`);
    for (const [w, s, e] of t.idb) console.log(`  idb ${f(s)} → ${f(e)}  ${w}`);
    // The renderer's main thread: its navigationStart mark is time zero.
    const navStart = events.find((e) => e.name === 'navigationStart' && e.args?.data !== undefined) ?? events.find((e) => e.name === 'navigationStart');
    if (!navStart) { console.log('no navigationStart in the trace'); continue; }
    const main = events.filter((e) => e.pid === navStart.pid && e.tid === navStart.tid && e.ph === 'X');
    const cut = navStart.ts + t.paint * 1000;
    const byKind = new Map<string, number>();
    const top = main.filter((e) => e.ts >= navStart.ts && e.ts <= cut && e.name === 'RunTask');
    let busy = 0;
    for (const task of top) busy += task.dur ?? 0;
    for (const e of main) {
      if (e.ts < navStart.ts || e.ts > cut || e.name === 'RunTask' || (e.dur ?? 0) < 1) continue;
      const url = e.args?.data?.url ? ' ' + (e.args.data.url.split('/').pop() ?? '') : e.name === 'EvaluateScript' ? ' ' + JSON.stringify(e.args).slice(0, 80) : '';
      const key = `${e.name}${['EvaluateScript', 'v8.compileModule', 'v8.evaluateModule', 'v8.compile', 'FunctionCall', 'v8.produceModuleCache'].includes(e.name) ? url : ''}`;
      byKind.set(key, (byKind.get(key) ?? 0) + (e.dur ?? 0));
    }
    console.log(`main thread busy (RunTask) until paint: ${(busy / 1000).toFixed(0)} ms of ${t.paint.toFixed(0)}`);
    for (const [k, d] of [...byKind].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(d / 1000).toFixed(1).padStart(7)} ms  ${k}`);
    // Long tasks on the timeline.
    for (const task of top.filter((e) => (e.dur ?? 0) > 8000)) {
      const end = task.ts + (task.dur ?? 0);
      const inner = main
        .filter((e) => e !== task && e.ts >= task.ts && e.ts <= end && (e.dur ?? 0) > 2000 && ['EvaluateScript', 'v8.compileModule', 'v8.evaluateModule', 'v8.compile', 'FunctionCall', 'RunMicrotasks', 'Layout', 'UpdateLayoutTree', 'Paint', 'ParseHTML', 'DocumentLoader::CommitNavigation', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'v8.run'].includes(e.name))
        .map((e) => `${e.name}${e.args?.data?.url ? ' ' + e.args.data.url.split('/').pop() : ''}${e.args?.data?.functionName ? ' ' + e.args.data.functionName : ''} ${f((e.dur ?? 0) / 1000)}`);
      console.log(`  task at ${f((task.ts - navStart.ts) / 1000)} for ${f((task.dur ?? 0) / 1000)} ms: ${inner.join(' | ')}`);
    }
  }
  await ctx.close();
} finally {
  await browser.close();
  await server.stop();
}
