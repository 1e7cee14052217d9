// Decoder benchmark: each candidate decodes the same seeded, degraded 640×480 frames in real
// headless Chromium, then a live fake-camera frame (camera frame → text). It measures; it never
// passes or fails. `npx tsx e2e/bench/decoders.ts` prints the table on its own.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DecoderName } from '../../web/scanner/bench.js';
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

const CANDIDATES: { name: DecoderName; label: string }[] = [
  { name: 'zxing-js', label: 'html5-qrcode 2.3.8 (ZXing-js)' },
  { name: 'zxing-wasm', label: 'zxing-wasm 3.1.4 (the scanner’s)' },
  { name: 'barcode-detector', label: 'barcode-detector 3.2 polyfill (zxing-wasm 3.1.3)' },
  { name: 'native', label: 'native BarcodeDetector' },
];

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

function unavailable(candidate: string, frameClass: string, reason: string): DecoderRow {
  return row(candidate, `${frameClass} — not available: ${reason}`, [], 0, reason);
}

/** Still frames: every candidate on every frame class, plus one row per candidate over all frames with a code. */
async function benchStillFrames(): Promise<DecoderRow[]> {
  const rows: DecoderRow[] = [];
  const h = await openScannerHarness();
  try {
    for (const c of CANDIDATES) {
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
async function benchCamera(framesPerDecoder = 30): Promise<DecoderRow[]> {
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
      for (const c of CANDIDATES) {
        if (await h.api('prepare', c.name)) continue; // already reported as unavailable
        const r = await h.api('cameraFrames', c.name, framesPerDecoder);
        const hits = r.texts.filter((t) => t === text).length;
        rows.push(row(c.label, CAMERA_CLASS, r.ms, hits, `${r.width}×${r.height} video; draw + read back + decode`));
      }
      // A budget phone is several times slower than this machine: the scanner's decoder again at 4× CPU slowdown.
      const cdp = await h.page.context().newCDPSession(h.page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const slow = await h.api('cameraFrames', 'zxing-wasm', framesPerDecoder);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const label = CANDIDATES.find((c) => c.name === 'zxing-wasm')!.label;
      rows.push(row(label, `${CAMERA_CLASS}, 4× CPU slowdown`, slow.ms, slow.texts.filter((t) => t === text).length));
      await h.api('stopCamera');
    } finally {
      await h.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export async function benchDecoders(): Promise<DecoderRow[]> {
  return [...(await benchStillFrames()), ...(await benchCamera())];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchDecoders();
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
