/// <reference types="vite/client" />
// One-frame decoding with each candidate decoder, for the decoder benchmark (e2e/bench/decoders.ts)
// to compare on the same frames. The app never imports this module, so html5-qrcode's ZXing-js and
// the barcode-detector polyfill stay out of the gate's scanner chunk.

import { BarcodeDetector as PolyfillDetector, prepareZXingModule as preparePolyfill, ZXING_WASM_VERSION as POLYFILL_ZXING_VERSION } from 'barcode-detector/ponyfill';
import { transfer, wrap } from 'comlink';
import { BaseLoggger, Html5QrcodeSupportedFormats } from 'html5-qrcode/esm/core';
import { ZXingHtml5QrcodeDecoder } from 'html5-qrcode/esm/zxing-html5-qrcode-decoder';
import { ZXING_WASM_VERSION } from 'zxing-wasm/reader';
import type { comlinkDecoder } from './bench-comlink-worker.js';
import { nativeQrDetector, qrDetector } from './detector.js';
import type { QrDetector } from './qr-detector.js';
import { FrameGrabber, type FrameSource } from './frame-grabber.js';
import { frameReader, type FrameReader } from './frame-reader.js';
import { ZXING_WASM_URL, ZxingWasmDetector } from './zxing-wasm.js';

export type DecoderName =
  /** What the scanner uses where there is no native detector: zxing-wasm's reader in our worker, fed camera bitmaps. */
  | 'zxing-wasm'
  /** The same worker, but the page reads each camera frame's pixels and transfers those. */
  | 'zxing-wasm-pixels'
  /** The same reader called on the main thread, as the scanner did before the worker. */
  | 'zxing-wasm-main'
  /** The same reader in a worker behind comlink. */
  | 'zxing-wasm-comlink'
  /** The browser's own BarcodeDetector. */
  | 'native'
  /** html5-qrcode's built-in decoder (ZXing-js), as its camera loop calls it. */
  | 'zxing-js'
  /** The barcode-detector polyfill (its own bundled copy of zxing-wasm). */
  | 'barcode-detector';

// barcode-detector bundles zxing-wasm's JS glue at its own version; the .wasm must match it. While
// the versions differ, npm keeps the matching package nested under barcode-detector.
const nestedWasm = import.meta.glob<string>('../../node_modules/barcode-detector/node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', {
  query: '?url',
  import: 'default',
  eager: true,
});

function polyfillWasmUrl(): string | null {
  if (POLYFILL_ZXING_VERSION === ZXING_WASM_VERSION) return ZXING_WASM_URL;
  return Object.values(nestedWasm)[0] ?? null;
}

/** The comlink variant: pixels transferred as in our own protocol, so only the wrapper differs. */
class ComlinkWorkerDetector implements QrDetector {
  private readonly remote = wrap<typeof comlinkDecoder>(new Worker(new URL('./bench-comlink-worker.ts', import.meta.url), { type: 'module' }));

  ready(): Promise<void> {
    return this.remote.ready();
  }

  async detect(image: ImageData): Promise<{ rawValue: string }[]> {
    const data = image.data as Uint8ClampedArray<ArrayBuffer>;
    const text = await this.remote.decode(transfer(data, [data.buffer]), image.width, image.height);
    return text === null ? [] : [{ rawValue: text }];
  }
}

class ZxingJsDetector implements QrDetector {
  private readonly decoder = new ZXingHtml5QrcodeDecoder([Html5QrcodeSupportedFormats.QR_CODE], false, new BaseLoggger(false));
  private readonly canvas = document.createElement('canvas');

  async detect(image: ImageData): Promise<{ rawValue: string }[]> {
    // html5-qrcode decodes from a canvas it drew the video into: same here.
    this.canvas.width = image.width;
    this.canvas.height = image.height;
    this.canvas.getContext('2d', { willReadFrequently: true })!.putImageData(image, 0, 0);
    try {
      return [{ rawValue: (await this.decoder.decodeAsync(this.canvas)).text }];
    } catch {
      return []; // ZXing-js throws NotFoundException when a frame has no readable code
    }
  }
}

const detectors = new Map<DecoderName, Promise<QrDetector>>();

async function makeDetector(name: DecoderName): Promise<QrDetector> {
  switch (name) {
    case 'zxing-wasm':
    case 'zxing-wasm-pixels': {
      const chosen = await qrDetector();
      if (chosen.kind !== 'zxing-wasm') throw new Error('this browser has a native detector: the scanner does not use zxing-wasm here');
      return chosen.detector;
    }
    case 'zxing-wasm-main': {
      const d = new ZxingWasmDetector();
      await d.ready();
      return d;
    }
    case 'zxing-wasm-comlink': {
      const d = new ComlinkWorkerDetector();
      await d.ready();
      return d;
    }
    case 'native': {
      const d = await nativeQrDetector();
      if (!d) throw new Error('this browser has no native BarcodeDetector that reads QR codes');
      return d;
    }
    case 'zxing-js':
      return new ZxingJsDetector();
    case 'barcode-detector': {
      const url = polyfillWasmUrl();
      if (!url) throw new Error(`no zxing_reader.wasm ${POLYFILL_ZXING_VERSION} (the version barcode-detector bundles) in node_modules`);
      await preparePolyfill({ overrides: { locateFile: (p: string, prefix: string) => (p.endsWith('.wasm') ? url : prefix + p) }, fireImmediately: true });
      return new PolyfillDetector({ formats: ['qr_code'] });
    }
  }
}

function detectorFor(name: DecoderName): Promise<QrDetector> {
  let d = detectors.get(name);
  if (!d) detectors.set(name, (d = makeDetector(name)));
  return d;
}

/** Loads a decoder (fetching and compiling any .wasm); null when ready, else why it cannot run here. */
export async function prepareDecoder(name: DecoderName): Promise<string | null> {
  try {
    await detectorFor(name);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const grabber = new Map<DecoderName, FrameGrabber>();
let scannerReader: FrameReader | undefined;

/**
 * Decodes one frame with one decoder: the text of the QR code in it, or null. A video, canvas or
 * bitmap goes through the scanner's own frame path first (drawn, ≤ 640 px wide, read back).
 * Worker decoders take the ImageData's pixels (transferred): pass a frame you will not reuse.
 */
export async function decodeImageData(image: ImageData | FrameSource, decoder: DecoderName): Promise<string | null> {
  const detector = await detectorFor(decoder);
  let frame: ImageData | null;
  if (image instanceof ImageData) frame = image;
  else if (decoder === 'zxing-wasm') {
    // Exactly the scanner's way from a camera frame to text.
    scannerReader ??= frameReader(await qrDetector());
    return scannerReader.read(image);
  } else {
    if (!grabber.has(decoder)) grabber.set(decoder, new FrameGrabber());
    frame = grabber.get(decoder)!.grab(image);
  }
  if (!frame) return null;
  return (await detector.detect(frame))[0]?.rawValue ?? null;
}
