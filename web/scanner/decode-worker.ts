// The decoder worker: zxing-wasm reads camera frames here, off the main thread, so a slow phone's
// gate page keeps answering taps while a frame decodes. Where it can (OffscreenCanvas), it also
// scales the frame and reads its pixels itself, which is most of a frame's main-thread cost.
// Vite builds it as its own chunk; the .wasm comes from our origin; the service worker precaches both.

import { MAX_DECODE_WIDTH } from './frame-size.js';
import type { DecodeReply, DecodeRequest } from './worker-protocol.js';
import { ZxingWasmDetector } from './zxing-wasm.js';

const detector = new ZxingWasmDetector();
// The web tsconfig types `self` as a Window; in a dedicated worker these two members are all we use.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<DecodeRequest>) => void) | null;
  postMessage(reply: DecodeReply): void;
};

const canReadBitmaps = typeof OffscreenCanvas === 'function';
let canvas: OffscreenCanvas | undefined;
let context: OffscreenCanvasRenderingContext2D | null = null;

function pixelsOf(bitmap: ImageBitmap): ImageData {
  const scale = Math.min(1, MAX_DECODE_WIDTH / bitmap.width);
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  if (!canvas || !context) {
    canvas = new OffscreenCanvas(width, height);
    // willReadFrequently keeps the canvas in CPU memory: every frame is read back.
    context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('2D OffscreenCanvas unavailable');
  }
  if (canvas.width !== width || canvas.height !== height) [canvas.width, canvas.height] = [width, height];
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return context.getImageData(0, 0, width, height);
}

async function handle(req: DecodeRequest): Promise<DecodeReply> {
  try {
    await detector.ready();
  } catch (e) {
    if (req.type === 'bitmap') req.bitmap.close();
    return { id: req.id, ok: false, loading: true, error: e instanceof Error ? e.message : String(e) };
  }
  if (req.type === 'ready') return { id: req.id, ok: true, ready: { bitmaps: canReadBitmaps } };
  try {
    const image = req.type === 'bitmap' ? pixelsOf(req.bitmap) : new ImageData(req.data, req.width, req.height);
    const codes = await detector.detect(image);
    return { id: req.id, ok: true, text: codes[0]?.rawValue ?? null };
  } catch (e) {
    return { id: req.id, ok: false, loading: false, error: e instanceof Error ? e.message : String(e) };
  }
}

scope.onmessage = (e) => {
  void handle(e.data).then((reply) => scope.postMessage(reply));
};
