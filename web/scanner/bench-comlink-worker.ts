// Bench only (e2e/bench/decoders.ts): the scanner's decoder behind comlink instead of our plain
// postMessage protocol, to measure what the wrapper costs per frame. The app never loads it.

import { expose } from 'comlink';
import { ZxingWasmDetector } from './zxing-wasm.js';

const detector = new ZxingWasmDetector();

export const comlinkDecoder = {
  ready: () => detector.ready(),
  async decode(data: Uint8ClampedArray<ArrayBuffer>, width: number, height: number): Promise<string | null> {
    return (await detector.detect(new ImageData(data, width, height)))[0]?.rawValue ?? null;
  },
};

expose(comlinkDecoder);
