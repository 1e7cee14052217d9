// The BarcodeDetector interface the scanner decodes through, and the choice behind it: the
// browser's own detector where it reads QR codes (Android Chrome, macOS), else ZXing-C++
// (zxing-wasm) in a Web Worker, so decoding never holds up the gate page.

import type { QrDetector } from './qr-detector.js';
import { WorkerQrDetector } from './worker-detector.js';

export type DetectorKind = 'native' | 'zxing-wasm';

interface NativeBarcodeDetectorClass {
  new (options?: { formats?: string[] }): QrDetector;
  getSupportedFormats(): Promise<string[]>;
}

/** The browser's BarcodeDetector, or null where there is none or it cannot read QR codes (desktop Linux). */
export async function nativeQrDetector(): Promise<QrDetector | null> {
  const native = (globalThis as { BarcodeDetector?: NativeBarcodeDetectorClass }).BarcodeDetector;
  if (!native) return null;
  try {
    // Some platforms expose the class with no formats behind it.
    if (!(await native.getSupportedFormats()).includes('qr_code')) return null;
    return new native({ formats: ['qr_code'] });
  } catch {
    return null;
  }
}

/** The decoder could not be loaded: offline before the .wasm was cached, or WebAssembly is unavailable. */
export class DecoderLoadError extends Error {
  override name = 'DecoderLoadError';
}

/** Either way frames are decoded off the main thread: by the browser, or in our worker. */
export interface ChosenDetector {
  kind: DetectorKind;
  detector: QrDetector;
}

let chosen: Promise<ChosenDetector> | undefined;

/** The scanner's detector, loaded ready to decode (for zxing-wasm: the worker started, the .wasm fetched and compiled). */
export function qrDetector(): Promise<ChosenDetector> {
  chosen ??= (async () => {
    const native = await nativeQrDetector();
    if (native) return { kind: 'native' as const, detector: native };
    const worker = new WorkerQrDetector();
    try {
      await worker.ready();
    } catch (e) {
      worker.terminate();
      throw new DecoderLoadError(`The QR decoder could not be loaded: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    return { kind: 'zxing-wasm' as const, detector: worker };
  })();
  // A failed load (offline before the .wasm was cached) is retried by the next scanner start.
  chosen.catch(() => (chosen = undefined));
  return chosen;
}
