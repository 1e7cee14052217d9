/// <reference types="vite/client" />
// ZXing-C++ (zxing-wasm's reader) behind the BarcodeDetector shape. Its .wasm is a build asset of
// ours (Vite `?url`), precached by the service worker: never the CDN the package defaults to.

import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
// The .wasm of the very package whose JS glue we call. This is why we call zxing-wasm and not the
// barcode-detector polyfill: barcode-detector 3.2 bundles zxing-wasm 3.1.3's glue, our zxing-wasm
// is 3.1.4, and a mismatched glue and binary load but have no reader functions.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { QrDetector } from './qr-detector.js';

export const ZXING_WASM_URL = wasmUrl;

const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  // One code per frame is all a gate needs; stopping at the first saves time.
  maxNumberOfSymbols: 1,
  // The code's bytes as they are, without "human readable" rewriting.
  textMode: 'Plain',
  // tryInvert stays on (the default): it doubles the cost of a frame with no code (≈ 3 → 9 ms
  // here), but a holder's phone in a forced dark mode shows the code white on black.
};

let loading: Promise<unknown> | undefined;

function loadModule(): Promise<unknown> {
  loading ??= prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
    fireImmediately: true,
  });
  loading.catch(() => (loading = undefined));
  return loading;
}

export class ZxingWasmDetector implements QrDetector {
  /** Fetches and compiles the .wasm; rejects if it cannot (offline and not yet cached). */
  async ready(): Promise<void> {
    await loadModule();
  }

  async detect(image: ImageData): Promise<{ rawValue: string }[]> {
    await loadModule();
    const results = await readBarcodes(image, READER_OPTIONS);
    return results.filter((r) => r.isValid).map((r) => ({ rawValue: r.text }));
  }
}
