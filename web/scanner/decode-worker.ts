// The decoder worker: zxing-wasm reads camera frames here, off the main thread, so a slow phone's
// gate page keeps answering taps while a frame decodes (≈ 20 ms at 4× CPU slowdown). Vite builds
// it as its own chunk; it loads the .wasm from our origin, and the service worker precaches both.

import type { DecodeReply, DecodeRequest } from './worker-protocol.js';
import { ZxingWasmDetector } from './zxing-wasm.js';

const detector = new ZxingWasmDetector();
// The web tsconfig types `self` as a Window; in a dedicated worker these two members are all we use.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<DecodeRequest>) => void) | null;
  postMessage(reply: DecodeReply): void;
};

async function handle(req: DecodeRequest): Promise<DecodeReply> {
  try {
    await detector.ready();
  } catch (e) {
    return { id: req.id, ok: false, loading: true, error: e instanceof Error ? e.message : String(e) };
  }
  if (req.type === 'ready') return { id: req.id, ok: true, text: null };
  try {
    const codes = await detector.detect(new ImageData(req.data, req.width, req.height));
    return { id: req.id, ok: true, text: codes[0]?.rawValue ?? null };
  } catch (e) {
    return { id: req.id, ok: false, loading: false, error: e instanceof Error ? e.message : String(e) };
  }
}

scope.onmessage = (e) => {
  void handle(e.data).then((reply) => scope.postMessage(reply));
};
