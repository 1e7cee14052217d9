// The bench page: runs in Chromium, drives web/scanner for the decoder benchmark and the
// camera-path check. Node (scanner-harness.ts) calls what it puts on window.hgScannerBench.

import { DEFAULT_FRAME, lumaToRgba, qrMatrix, renderQrLuma, seededCodeText, seededPresentationText } from '../../fixtures/qr-frames.js';
import { decodeImageData, prepareDecoder, type DecoderName } from '../../../web/scanner/bench.js';
import { scannerDecoder, startScanner, type ScannerHandle } from '../../../web/scanner/index.js';
import { FRAME_CLASSES, FRAMES_PER_CLASS, frameRandom, frameSeed } from '../decoders-frames.js';

export interface FrameResults {
  /** Decode time per frame, ms. */
  ms: number[];
  /** True where the decoder returned exactly the code in the frame (or, for code-free frames, a false read). */
  hits: boolean[];
  /** Reads that returned some other text: a misread. */
  misreads: number;
}

/**
 * Which codes a frame class shows: today's plain code (QR v11), or a live presentation (v15)
 * either at the same px/module or at the same size in frame (the holder's screen shows either
 * code at the same width, so the presentation's modules come out smaller: × 69/85).
 */
export type CodeVariant = 'plain' | 'presentation' | 'presentation-same-size';

export interface ScannerBenchApi {
  prepare(decoder: DecoderName): Promise<string | null>;
  decodeClass(classId: string, decoder: DecoderName, variant?: CodeVariant): Promise<FrameResults>;
  /** Renders a class's frames ahead of timing (the allocation's GC pauses then fall outside it). */
  renderClass(classId: string, variant?: CodeVariant): number;
  /** Drops every rendered frame (1.2 MB each). */
  forgetFrames(): void;
  startCamera(timeoutMs: number): Promise<{ text: string; firstTextMs: number; decoder: string }>;
  /** `stallMs`: per frame, the longest the page's main thread went without a turn while the frame was read. */
  cameraFrames(decoder: DecoderName, n: number): Promise<{ ms: number[]; stallMs: number[]; texts: (string | null)[]; width: number; height: number }>;
  /** The same main-thread watch over `n` idle waits of `ms` each while the camera plays: the baseline for stallMs. */
  idleStalls(n: number, ms: number): Promise<number[]>;
  /** Stops the scanner; how many <video> it left behind (want 0). */
  stopCamera(): Promise<{ videosLeft: number }>;
  /** Starts the scanner expecting it to fail: the error, and how many <video> it left behind (want 0). */
  startFailure(): Promise<{ name: string; message: string; videosLeft: number } | null>;
  /** Every text onText was called with since startCamera, in order. */
  texts(): string[];
}

interface Frame {
  image: ImageData;
  text: string | null;
}

const cache = new Map<string, Frame[]>();

function framesOf(classId: string, variant: CodeVariant = 'plain'): Frame[] {
  const cls = FRAME_CLASSES.find((c) => c.id === classId);
  if (!cls) throw new Error(`unknown frame class ${classId}`);
  const key = `${classId}/${variant}`;
  let frames = cache.get(key);
  if (!frames) {
    frames = [];
    for (let i = 0; i < FRAMES_PER_CLASS; i++) {
      // A different code in every frame, so no decoder can profit from having seen it.
      const seed = frameSeed(classId, i);
      const text = !cls.hasCode ? null : variant === 'plain' ? seededCodeText(seed) : seededPresentationText(seed);
      const matrix = text ? qrMatrix(text) : null;
      // The same frame settings (position, blur, noise, tilt…) for every variant of frame i.
      const options = { ...cls.frame(frameRandom(classId, i)), seed };
      if (matrix && variant === 'presentation-same-size') {
        const quiet = 2 * DEFAULT_FRAME.quietZone;
        const plainSize = qrMatrix(seededCodeText(seed)).size;
        options.pxPerModule = (options.pxPerModule ?? DEFAULT_FRAME.pxPerModule) * ((plainSize + quiet) / (matrix.size + quiet));
      }
      frames.push({ image: new ImageData(lumaToRgba(renderQrLuma(matrix, options)), 640, 480), text });
    }
    cache.set(key, frames);
  }
  return frames;
}

/**
 * Measures how long the main thread is held: a message ping-pong that gets a turn whenever the
 * thread is free; the longest gap between turns is the longest a tap would have waited.
 */
function watchMainThread(): () => number {
  const channel = new MessageChannel();
  let last = performance.now();
  let longest = 0;
  let watching = true;
  channel.port1.onmessage = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (watching) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
  return () => {
    watching = false;
    channel.port1.close();
    return Math.max(longest, performance.now() - last);
  };
}

/** A fresh copy: worker decoders take the pixels they are given, and the cached frame is used again. */
const fresh = (image: ImageData) => new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);

let scanner: ScannerHandle | undefined;
let seen: string[] = [];

const api: ScannerBenchApi = {
  async prepare(decoder) {
    const reason = await prepareDecoder(decoder);
    // One throwaway decode: the first call pays for JIT and memory growth, not for decoding.
    if (!reason) await decodeImageData(fresh(framesOf('sharp-4')[0]!.image), decoder);
    return reason;
  },

  renderClass: (classId, variant = 'plain') => framesOf(classId, variant).length,

  forgetFrames: () => cache.clear(),

  async decodeClass(classId, decoder, variant = 'plain') {
    const ms: number[] = [];
    const hits: boolean[] = [];
    let misreads = 0;
    for (const frame of framesOf(classId, variant)) {
      // Copied before the clock starts: the scanner hands each new frame over without a copy.
      const image = fresh(frame.image);
      const t0 = performance.now();
      const text = await decodeImageData(image, decoder);
      ms.push(performance.now() - t0);
      hits.push(frame.text ? text === frame.text : text !== null);
      if (frame.text && text !== null && text !== frame.text) misreads++;
    }
    return { ms, hits, misreads };
  },

  async startCamera(timeoutMs) {
    seen = [];
    const container = document.getElementById('camera')!;
    const t0 = performance.now();
    let first: (v: { text: string; at: number }) => void = () => undefined;
    const firstText = new Promise<{ text: string; at: number }>((resolve) => (first = resolve));
    scanner = await startScanner(container, (text) => {
      seen.push(text);
      first({ text, at: performance.now() });
    });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no code read within ${timeoutMs} ms`)), timeoutMs));
    const { text, at } = await Promise.race([firstText, timeout]);
    return { text, firstTextMs: at - t0, decoder: await scannerDecoder() };
  },

  async cameraFrames(decoder, n) {
    const video = document.querySelector<HTMLVideoElement>('#camera video');
    if (!video) throw new Error('start the camera first');
    const ms: number[] = [];
    const stallMs: number[] = [];
    const texts: (string | null)[] = [];
    for (let i = 0; i < n; i++) {
      // A fresh camera frame each time, as the scan loop gets them.
      await new Promise((r) => video.requestVideoFrameCallback(r));
      const stop = watchMainThread();
      const t0 = performance.now();
      texts.push(await decodeImageData(video, decoder));
      ms.push(performance.now() - t0);
      stallMs.push(stop());
    }
    return { ms, stallMs, texts, width: video.videoWidth, height: video.videoHeight };
  },

  async idleStalls(n, ms) {
    const stalls: number[] = [];
    for (let i = 0; i < n; i++) {
      const stop = watchMainThread();
      await new Promise((r) => setTimeout(r, ms));
      stalls.push(stop());
    }
    return stalls;
  },

  async stopCamera() {
    await scanner?.stop();
    scanner = undefined;
    return { videosLeft: document.querySelectorAll('#camera video').length };
  },

  async startFailure() {
    const container = document.getElementById('camera')!;
    try {
      scanner = await startScanner(container, () => undefined);
      return null;
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      return { name: error.name, message: error.message, videosLeft: container.querySelectorAll('video').length };
    }
  },

  texts: () => [...seen],
};

(window as unknown as { hgScannerBench: ScannerBenchApi }).hgScannerBench = api;
document.title = 'ready';
