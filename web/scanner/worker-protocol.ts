// The messages between the scanner and its decoder worker: plain postMessage, the frame's pixels
// transferred (not copied). Measured against comlink in e2e/bench (decoders.ts): see README.

export type DecodeRequest =
  | { id: number; type: 'ready' }
  /** `data` is RGBA, width × height: an ImageData's pixels, moved into the worker. */
  | { id: number; type: 'decode'; width: number; height: number; data: Uint8ClampedArray<ArrayBuffer> };

export type DecodeReply = { id: number; ok: true; text: string | null } | { id: number; ok: false; error: string; loading: boolean };
