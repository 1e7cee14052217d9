// The camera path, end to end: Chromium's fake camera plays a .y4m written by writeQrY4m, and
// web/scanner must read each code in it once, in its decoder worker, with no request leaving our
// origin; and the app's service worker must precache that worker and its .wasm.
// Run: npx tsx e2e/bench/scanner-check.ts (exits non-zero on failure; ~30 s).

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { seededCodeText } from '../fixtures/qr-frames.js';
import { writeQrY4m, type Y4mOptions } from '../fixtures/y4m.js';
import { openScannerHarness } from './scanner-harness.js';

export interface CameraCheck {
  texts: string[];
  firstTextMs: number;
  decoder: string;
  wasmRequests: string[];
  /** Script URLs of the dedicated workers the page ran: the decoder's, where zxing-wasm decodes. */
  workers: string[];
}

/** Plays `texts` through the fake camera and returns what the scanner reported within `watchMs`. */
export async function checkCameraPath(texts: string[], video: Y4mOptions, watchMs = 4000): Promise<CameraCheck> {
  const dir = mkdtempSync(join(tmpdir(), 'hg-camera-'));
  try {
    const file = join(dir, 'codes.y4m');
    writeQrY4m(file, texts, video);
    const h = await openScannerHarness({ fakeCamera: file });
    try {
      const first = await h.api('startCamera', 15_000);
      await h.page.waitForTimeout(watchMs);
      const seen = await h.api('texts');
      const workers = h.page.workers().map((w) => w.url());
      const { videosLeft } = await h.api('stopCamera');
      if (videosLeft) throw new Error(`stop() left ${videosLeft} <video> (camera) behind`);
      if (h.externalRequests.length) throw new Error(`the scanner fetched from outside our origin: ${h.externalRequests.join(', ')}`);
      return { texts: seen, firstTextMs: first.firstTextMs, decoder: first.decoder, wasmRequests: h.wasmRequests, workers };
    } finally {
      await h.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the scanner where it must fail, and returns the error it reported. */
export async function checkStartFailure(options: { grantCamera?: boolean; block?: RegExp }): Promise<{ name: string; message: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'hg-camera-'));
  try {
    const file = join(dir, 'code.y4m');
    writeQrY4m(file, [seededCodeText(1)]);
    const h = await openScannerHarness({ fakeCamera: file, ...options });
    try {
      const failure = await h.api('startFailure');
      if (!failure) throw new Error('startScanner succeeded where it should have failed');
      if (failure.videosLeft) throw new Error(`a failed start left ${failure.videosLeft} <video> (camera) behind`);
      return failure;
    } finally {
      await h.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Builds the real app (vite.config.ts, a throwaway trust root) and checks that the service
 * worker's precache list holds the scanner chunk, the decoder worker it starts, and the .wasm
 * that worker loads: the first scan of the day may be offline.
 */
export async function checkPrecache(): Promise<{ worker: string; wasm: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'hg-precache-'));
  const saved = { data: process.env.HG_DATA_DIR, out: process.env.HG_WEB_OUT };
  try {
    mkdirSync(join(dir, 'data', 'keys'), { recursive: true });
    writeFileSync(join(dir, 'data', 'keys', 'trust-roots.public.json'), '{"roots":[]}');
    process.env.HG_DATA_DIR = join(dir, 'data');
    process.env.HG_WEB_OUT = join(dir, 'web');
    await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
    const assets = readdirSync(join(dir, 'web', 'assets'));
    const read = (name: string) => readFileSync(join(dir, 'web', 'assets', name), 'utf8');
    const scanner = assets.find((a) => /^scanner-.*\.js$/.test(a) && /decode-worker-[\w-]+\.js/.test(read(a)));
    if (!scanner) throw new Error(`no scanner chunk that starts the decoder worker in ${assets.join(', ')}`);
    const worker = read(scanner).match(/decode-worker-[\w-]+\.js/)![0];
    const wasm = read(worker).match(/zxing_reader-[\w-]+\.wasm/)?.[0];
    if (!wasm) throw new Error(`the decoder worker ${worker} names no zxing_reader .wasm of ours`);
    const sw = readFileSync(join(dir, 'web', 'sw.js'), 'utf8');
    for (const file of [scanner, worker, wasm]) {
      if (!sw.includes(`"assets/${file}"`)) throw new Error(`the service worker does not precache assets/${file}`);
    }
    return { worker, wasm };
  } finally {
    if (saved.data === undefined) delete process.env.HG_DATA_DIR;
    else process.env.HG_DATA_DIR = saved.data;
    if (saved.out === undefined) delete process.env.HG_WEB_OUT;
    else process.env.HG_WEB_OUT = saved.out;
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectSame(what: string, got: string[], want: string[]): void {
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const one = seededCodeText(1);
  const two = [seededCodeText(2), seededCodeText(3)];

  // One code at the budget's 3 px/module, looped by Chromium: read once, not once per loop.
  const single = await checkCameraPath([one], { pxPerModule: 3 });
  expectSame('single code', single.texts, [one]);
  console.log(`single code at 3 px/module: read once, ${single.firstTextMs.toFixed(0)} ms from start (${single.decoder}); wasm from ${single.wasmRequests.join(', ')}`);
  // zxing-wasm decodes in the scanner's worker, never on the page's main thread.
  if (single.decoder === 'zxing-wasm' && !single.workers.some((u) => /decode-worker/.test(u))) {
    throw new Error(`zxing-wasm did not run in the decoder worker (workers: ${JSON.stringify(single.workers)})`);
  }
  console.log(`decoded in the worker ${single.workers.filter((u) => /decode-worker/.test(u)).join(', ')}`);

  // Two codes, 1 s each with blank frames between, looped: each reported once.
  const pair = await checkCameraPath(two, { pxPerModule: 4, framesPerCode: 30, blankFramesBetween: 10 }, 6000);
  expectSame('two codes in sequence', pair.texts, two);
  console.log(`two codes in sequence, looped for 6 s: each read once (${pair.texts.length} reads)`);

  // Offline before the .wasm was cached: a named error, and the camera is closed again.
  const noWasm = await checkStartFailure({ block: /\.wasm$/ });
  if (noWasm.name !== 'DecoderLoadError') throw new Error(`no .wasm: expected DecoderLoadError, got ${noWasm.name}: ${noWasm.message}`);
  console.log(`.wasm unreachable: startScanner rejects with ${noWasm.name} ("${noWasm.message.slice(0, 80)}…"), camera closed`);

  // The app build: the service worker precaches the decoder worker and its .wasm.
  const precache = await checkPrecache();
  console.log(`app build: the service worker precaches the scanner chunk, ${precache.worker} and ${precache.wasm}`);

  // Camera permission refused: the browser's own error comes through.
  const denied = await checkStartFailure({ grantCamera: false });
  if (denied.name !== 'NotAllowedError') throw new Error(`camera denied: expected NotAllowedError, got ${denied.name}: ${denied.message}`);
  console.log(`camera permission refused: startScanner rejects with ${denied.name}`);
}
