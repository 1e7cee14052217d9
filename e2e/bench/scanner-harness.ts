// Runs web/scanner in real Chromium without the app: builds the bench page (scanner-page/) with
// Vite, serves it from 127.0.0.1, and opens it, optionally with a fake camera fed a .y4m video.
// Every request that leaves our origin is aborted and recorded: the scanner must need none.

import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/paths.js';
import type { ScannerBenchApi } from './scanner-page/main.js';

const PAGE_ROOT = fileURLToPath(new URL('./scanner-page/', import.meta.url));

let built: Promise<string> | undefined;

/** Builds the bench page once per process, into a temporary directory; resolves to that directory. */
export function buildScannerPage(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'hg-scanner-page-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    await build({
      configFile: false,
      root: PAGE_ROOT,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
    });
    return outDir;
  })();
  return built;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  // instantiateStreaming needs this type; without it zxing-wasm falls back to a slower path.
  '.wasm': 'application/wasm',
};

function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

export interface ScannerHarness {
  browser: Browser;
  page: Page;
  /** Calls into the page's window.hgScannerBench. */
  api: <K extends keyof ScannerBenchApi>(method: K, ...args: Parameters<ScannerBenchApi[K]>) => Promise<Awaited<ReturnType<ScannerBenchApi[K]>>>;
  /** URLs the page tried to fetch from anywhere but our origin (aborted). */
  externalRequests: string[];
  /** URLs of the .wasm files the page fetched. */
  wasmRequests: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** A .y4m (see e2e/fixtures/y4m.ts) for Chromium's fake camera; without it, no camera. */
  fakeCamera?: string;
  /** Grant camera permission (default true when there is a fake camera); false makes getUserMedia fail. */
  grantCamera?: boolean;
  /** Same-origin URLs to fail as if offline (e.g. /\.wasm$/: the decoder not cached yet). */
  block?: RegExp;
}

export async function openScannerHarness(options: HarnessOptions = {}): Promise<ScannerHarness> {
  const dir = await buildScannerPage();
  const { url, server } = await serve(resolve(dir));
  const grant = options.fakeCamera !== undefined && options.grantCamera !== false;
  const camera = options.fakeCamera
    ? ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${resolve(options.fakeCamera)}`, ...(grant ? ['--use-fake-ui-for-media-stream'] : [])]
    : [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...camera] });
  try {
    const context = await browser.newContext({ permissions: grant ? ['camera'] : [] });
    const externalRequests: string[] = [];
    const wasmRequests: string[] = [];
    await context.route('**/*', (route) => {
      const requested = route.request().url();
      if (new URL(requested).origin !== url) {
        externalRequests.push(requested);
        return route.abort('internetdisconnected');
      }
      if (options.block?.test(requested)) return route.abort('internetdisconnected');
      if (requested.endsWith('.wasm')) wasmRequests.push(requested);
      return route.continue();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'ready', undefined, { timeout: 30_000 }).catch(() => {
      throw new Error(`bench page did not load: ${errors.join('; ')}`);
    });
    const api: ScannerHarness['api'] = (method, ...args) =>
      page.evaluate(
        ([m, a]) => (window as unknown as { hgScannerBench: Record<string, (...x: unknown[]) => unknown> }).hgScannerBench[m]!(...a),
        [method, args] as [string, unknown[]],
      ) as never;
    return {
      browser,
      page,
      api,
      externalRequests,
      wasmRequests,
      async close() {
        await browser.close();
        await new Promise((r) => server.close(r));
      },
    };
  } catch (e) {
    await browser.close();
    server.close();
    throw e;
  }
}
