// The scanner's side of the decoder worker, behind the BarcodeDetector shape: each frame moves to
// the worker (transferred: the ImageData or ImageBitmap passed in is empty afterwards) and its
// text comes back. One frame is in flight at a time (the scan loop awaits each), so no queue builds up.

import type { QrDetector } from './qr-detector.js';
import type { DecodeReply, DecodeRequest } from './worker-protocol.js';

type Answer = Extract<DecodeReply, { ok: true }>;
type Pending = { resolve: (answer: Answer) => void; reject: (e: Error) => void };

/** The worker could not load its decoder (.wasm unreachable, or the worker script itself). */
export class WorkerLoadError extends Error {
  override name = 'WorkerLoadError';
}

export class WorkerQrDetector implements QrDetector {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 1;
  /** Set by ready(): the worker reads ImageBitmaps itself, so the page need not read pixels. */
  readsBitmaps = false;

  constructor() {
    this.worker = new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module', name: 'qr-decoder' });
    this.worker.onmessage = (e: MessageEvent<DecodeReply>) => {
      const reply = e.data;
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply);
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
    const answer = await this.call({ id: 0, type: 'ready' });
    this.readsBitmaps = 'ready' in answer && answer.ready.bitmaps;
  }

  async detect(image: ImageData): Promise<{ rawValue: string }[]> {
    const data = image.data as Uint8ClampedArray<ArrayBuffer>;
    return found(await this.call({ id: 0, type: 'pixels', width: image.width, height: image.height, data }, [data.buffer]));
  }

  /** Only where `readsBitmaps`: the worker scales the frame and reads its pixels. */
  async detectBitmap(bitmap: ImageBitmap): Promise<{ rawValue: string }[]> {
    return found(await this.call({ id: 0, type: 'bitmap', bitmap }, [bitmap]));
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll(new Error('the decoder worker was stopped'));
  }

  private call(req: DecodeRequest, transfer: Transferable[] = []): Promise<Answer> {
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

function found(answer: Answer): { rawValue: string }[] {
  return 'text' in answer && answer.text !== null ? [{ rawValue: answer.text }] : [];
}
