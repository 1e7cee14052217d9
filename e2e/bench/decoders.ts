// Decoder benchmark: each candidate decodes the same seeded, degraded 640×480 frames in real
// headless Chromium, then a live fake-camera frame (camera frame → text), then the scanner's own
// decoder on live presentations (QR v15) against plain codes (v11) on the same frames. It
// measures; it never passes or fails. `npx tsx e2e/bench/decoders.ts [--only=a,b] [--parts=…]`
// prints the table on its own (parts: still, camera, presentation; default all).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DecoderName } from '../../web/scanner/bench.js';
import type { CodeVariant } from './scanner-page/main.js';
import { seededCodeText } from '../fixtures/qr-frames.js';
import { writeQrY4m } from '../fixtures/y4m.js';
import { FRAME_CLASSES } from './decoders-frames.js';
import { openScannerHarness } from './scanner-harness.js';
import { median, percentile } from './table.js';

export interface DecoderRow {
  /** Candidate and frame class, e.g. "zxing-wasm 3.1.4 (the scanner's) · sharp, 3 px/module". */
  decoder: string;
  frames: number;
  /** Frames read correctly (for code-free frames: false reads). */
  decoded: number;
  successRate: number;
  medianMs: number;
  p95Ms: number;
  /** The same row, split for programs. */
  candidate: string;
  frameClass: string;
  /** Why a candidate has no numbers, misreads, or what a row means. */
  note?: string;
}

const ALL_CANDIDATES: { name: DecoderName; label: string }[] = [
  { name: 'zxing-js', label: 'html5-qrcode 2.3.8 (ZXing-js)' },
  { name: 'zxing-wasm', label: 'zxing-wasm 3.1.4 in a worker (the scanner’s)' },
  { name: 'zxing-wasm-pixels', label: 'zxing-wasm 3.1.4 in a worker, pixels read on the page' },
  { name: 'zxing-wasm-main', label: 'zxing-wasm 3.1.4 on the main thread' },
  { name: 'zxing-wasm-comlink', label: 'zxing-wasm 3.1.4 in a worker via comlink' },
  { name: 'barcode-detector', label: 'barcode-detector 3.2 polyfill (zxing-wasm 3.1.3)' },
  { name: 'native', label: 'native BarcodeDetector' },
];
const SCANNER = ALL_CANDIDATES.find((c) => c.name === 'zxing-wasm')!;

export interface DecoderBenchOptions {
  /** Only these candidates, in this order (default: all). */
  only?: DecoderName[];
  parts?: ('still' | 'camera' | 'presentation')[];
}

const CAMERA_CLASS = 'camera 640×480 frame → text, 3 px/module';

function row(candidate: string, frameClass: string, ms: number[], decoded: number, note?: string): DecoderRow {
  return {
    decoder: `${candidate} · ${frameClass}`,
    frames: ms.length,
    decoded,
    successRate: ms.length ? decoded / ms.length : 0,
    medianMs: ms.length ? median(ms) : NaN,
    p95Ms: ms.length ? percentile(ms, 95) : NaN,
    candidate,
    frameClass,
    ...(note ? { note } : {}),
  };
}

/** The longest main-thread stall per frame: what a tap on the gate page would have waited. */
const stalls = (ms: number[]) => `main thread held ≤ ${median(ms).toFixed(1)} ms per frame (median; p95 ${percentile(ms, 95).toFixed(1)} ms)`;

function unavailable(candidate: string, frameClass: string, reason: string): DecoderRow {
  return row(candidate, `${frameClass} — not available: ${reason}`, [], 0, reason);
}

/** Still frames: every candidate on every frame class, plus one row per candidate over all frames with a code. */
async function benchStillFrames(candidates: typeof ALL_CANDIDATES): Promise<DecoderRow[]> {
  const rows: DecoderRow[] = [];
  const h = await openScannerHarness();
  try {
    // Still frames are ImageData already: the pixels-on-the-page variant would repeat the scanner's rows.
    for (const c of candidates.filter((c) => c.name !== 'zxing-wasm-pixels')) {
      const reason = await h.api('prepare', c.name);
      if (reason) {
        rows.push(unavailable(c.label, 'all frame classes', reason));
        continue;
      }
      const allMs: number[] = [];
      let allHits = 0;
      for (const cls of FRAME_CLASSES) {
        const r = await h.api('decodeClass', cls.id, c.name);
        const hits = r.hits.filter(Boolean).length;
        const notes = [cls.hasCode ? '' : 'decoded = false reads', r.misreads ? `${r.misreads} misread(s)` : ''].filter(Boolean);
        rows.push(row(c.label, cls.label, r.ms, hits, notes.join('; ') || undefined));
        if (cls.hasCode) {
          allMs.push(...r.ms);
          allHits += hits;
        }
      }
      rows.push(row(c.label, 'all frames with a code', allMs, allHits));
    }
    if (h.externalRequests.length) throw new Error(`a decoder fetched from outside our origin: ${h.externalRequests.join(', ')}`);
  } finally {
    await h.close();
  }
  return rows;
}

/** Live camera: the scanner's start → first text, then each candidate on fresh fake-camera frames. */
async function benchCamera(candidates: typeof ALL_CANDIDATES, framesPerDecoder = 30): Promise<DecoderRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hg-bench-camera-'));
  const rows: DecoderRow[] = [];
  try {
    const text = seededCodeText(42);
    const file = join(dir, 'camera.y4m');
    writeQrY4m(file, [text], { pxPerModule: 3, frame: { blurSigma: 0.5, noiseSigma: 4, offsetX: 17.3, offsetY: -9.6 } });
    const h = await openScannerHarness({ fakeCamera: file });
    try {
      const start = await h.api('startCamera', 15_000);
      rows.push(
        row(`scanner (${start.decoder})`, 'start → first code read (camera open, .wasm fetched and compiled)', [start.firstTextMs], start.text === text ? 1 : 0),
      );
      const idle = await h.api('idleStalls', framesPerDecoder, 10);
      rows.push(row('no decoder (baseline)', 'camera playing, page idle: what "main thread held" is without decoding', [], 0, stalls(idle)));
      for (const c of candidates) {
        if (await h.api('prepare', c.name)) continue; // already reported as unavailable
        const r = await h.api('cameraFrames', c.name, framesPerDecoder);
        const hits = r.texts.filter((t) => t === text).length;
        rows.push(row(c.label, CAMERA_CLASS, r.ms, hits, `${r.width}×${r.height} video; draw + read back + decode; ${stalls(r.stallMs)}`));
      }
      // A budget phone is several times slower than this machine: the decoder again at 4× CPU
      // slowdown, the scanner's way and the ways it replaced.
      const cdp = await h.page.context().newCDPSession(h.page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const idleSlow = await h.api('idleStalls', framesPerDecoder, 10);
      rows.push(row('no decoder (baseline)', 'camera playing, page idle, 4× CPU slowdown: "main thread held" without decoding', [], 0, stalls(idleSlow)));
      for (const c of candidates.filter((c) => ['zxing-wasm', 'zxing-wasm-pixels', 'zxing-wasm-main'].includes(c.name))) {
        const slow = await h.api('cameraFrames', c.name, framesPerDecoder);
        rows.push(row(c.label, `${CAMERA_CLASS}, 4× CPU slowdown`, slow.ms, slow.texts.filter((t) => t === text).length, stalls(slow.stallMs)));
      }
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await h.api('stopCamera');
    } finally {
      await h.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

const VARIANTS: { variant: CodeVariant; label: string }[] = [
  { variant: 'plain', label: 'plain code (HG1, 250 chars, QR v11)' },
  { variant: 'presentation', label: 'live presentation (HGP1, 422 chars, QR v15), same px/module' },
  { variant: 'presentation-same-size', label: 'live presentation, same size in frame (px/module × 69/85)' },
];

/**
 * Live presentation vs plain code on the same degraded frames, through the scanner's decoder.
 * Budget (the issue): no lower success rate, at most 1.5× the decode time. Variants alternate
 * class by class, each class's frames rendered before any is timed, so neither variant gets the
 * warm-up or the garbage collections of the other.
 */
async function benchPresentation(): Promise<DecoderRow[]> {
  const h = await openScannerHarness();
  try {
    const reason = await h.api('prepare', SCANNER.name);
    if (reason) return [unavailable(SCANNER.label, 'presentation vs plain', reason)];
    const results = new Map(VARIANTS.map((v) => [v.variant, { ms: [] as number[], hits: 0, missed: [] as string[] }]));
    for (const cls of FRAME_CLASSES.filter((c) => c.hasCode)) {
      for (const { variant } of VARIANTS) await h.api('renderClass', cls.id, variant);
      for (const { variant } of VARIANTS) {
        const r = await h.api('decodeClass', cls.id, SCANNER.name, variant);
        const acc = results.get(variant)!;
        const read = r.hits.filter(Boolean).length;
        acc.ms.push(...r.ms);
        acc.hits += read;
        if (read < r.hits.length) acc.missed.push(`${cls.id} ${read}/${r.hits.length}`);
      }
      await h.api('forgetFrames');
    }
    const plain = results.get('plain')!;
    const plainRow = row(SCANNER.label, `all frames with a code — ${VARIANTS[0]!.label}`, plain.ms, plain.hits);
    return VARIANTS.map(({ variant, label }) => {
      const acc = results.get(variant)!;
      const r = row(SCANNER.label, `all frames with a code — ${label}`, acc.ms, acc.hits);
      const vsPlain = variant === 'plain' ? '' : `${(r.medianMs / plainRow.medianMs).toFixed(2)}× plain's median, success ${r.successRate >= plainRow.successRate ? '≥' : '<'} plain`;
      const note = [vsPlain, acc.missed.length ? `missed: ${acc.missed.join(', ')}` : ''].filter(Boolean).join('; ');
      return note ? { ...r, note } : r;
    });
  } finally {
    await h.close();
  }
}

export async function benchDecoders(options: DecoderBenchOptions = {}): Promise<DecoderRow[]> {
  // In the order given: the first candidate on a fresh page pays for its warm-up, so compare both orders.
  const candidates = options.only ? options.only.map((n) => ALL_CANDIDATES.find((c) => c.name === n)!).filter(Boolean) : ALL_CANDIDATES;
  const parts = options.parts ?? ['still', 'camera', 'presentation'];
  const rows: DecoderRow[] = [];
  if (parts.includes('still')) rows.push(...(await benchStillFrames(candidates)));
  if (parts.includes('camera')) rows.push(...(await benchCamera(candidates)));
  if (parts.includes('presentation')) rows.push(...(await benchPresentation()));
  return rows;
}

function argList(name: string): string[] | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg?.slice(name.length + 3).split(',');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = argList('only') as DecoderName[] | undefined;
  const parts = argList('parts') as DecoderBenchOptions['parts'];
  const rows = await benchDecoders({ ...(only ? { only } : {}), ...(parts ? { parts } : {}) });
  console.table(
    rows.map((r) => ({
      decoder: r.candidate,
      frames: r.frameClass,
      read: `${r.decoded}/${r.frames}`,
      success: r.frames ? `${(r.successRate * 100).toFixed(0)}%` : 'n/a',
      'median ms': r.medianMs.toFixed(1),
      'p95 ms': r.p95Ms.toFixed(1),
      note: r.note ?? '',
    })),
  );
}
