// The messages between the scanner and its decoder worker: plain postMessage (measured against
// comlink in e2e/bench/decoders.ts: no difference beyond noise, and one dependency less), the
// frame transferred, never copied: a camera ImageBitmap, or an ImageData's pixels.

export type DecodeRequest =
  | { id: number; type: 'ready' }
  /** `data` is RGBA, width × height: an ImageData's pixels, moved into the worker. */
  | { id: number; type: 'pixels'; width: number; height: number; data: Uint8ClampedArray<ArrayBuffer> }
  /** A camera frame as the browser captured it; the worker scales it and reads its pixels. */
  | { id: number; type: 'bitmap'; bitmap: ImageBitmap };

export type DecodeReply =
  | { id: number; ok: true; text: string | null }
  /** The answer to 'ready': whether the worker can read ImageBitmaps itself (OffscreenCanvas). */
  | { id: number; ok: true; ready: { bitmaps: boolean } }
  | { id: number; ok: false; error: string; loading: boolean };
