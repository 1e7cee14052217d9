// The scanner's side of the decoder worker, behind the BarcodeDetector shape: each frame's pixels
// move to the worker (transferred, so the ImageData passed in is empty afterwards) and its text
// comes back. One frame is in flight at a time (the scan loop awaits each), so no queue builds up.

import type { QrDetector } from './detector.js';
import type { DecodeReply, DecodeRequest } from './worker-protocol.js';

type Pending = { resolve: (text: string | null) => void; reject: (e: Error) => void };

/** The worker could not load its decoder (.wasm unreachable, or the worker script itself). */
export class WorkerLoadError extends Error {
  override name = 'WorkerLoadError';
}

export class WorkerQrDetector implements QrDetector {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 1;

  constructor() {
    this.worker = new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module', name: 'qr-decoder' });
    this.worker.onmessage = (e: MessageEvent<DecodeReply>) => {
      const reply = e.data;
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.text);
      else p.reject(reply.loading ? new WorkerLoadError(reply.error) : new Error(reply.error));
    };
    // The worker script failed to load or threw at the top level (e.g. offline before it was cached).
    this.worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.failAll(new WorkerLoadError(`the decoder worker failed: ${e.message || 'could not be loaded'}`));
    };
  }

  /** Resolves once the worker has fetched and compiled the .wasm; rejects with WorkerLoadError if it cannot. */
  async ready(): Promise<void> {
    await this.call({ id: 0, type: 'ready' });
  }

  async detect(image: ImageData): Promise<{ rawValue: string }[]> {
    const data = image.data as Uint8ClampedArray<ArrayBuffer>;
    const text = await this.call({ id: 0, type: 'decode', width: image.width, height: image.height, data }, [data.buffer]);
    return text === null ? [] : [{ rawValue: text }];
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll(new Error('the decoder worker was stopped'));
  }

  private call(req: DecodeRequest, transfer: Transferable[] = []): Promise<string | null> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id }, transfer);
    });
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
