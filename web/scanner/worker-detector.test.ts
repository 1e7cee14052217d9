import { afterEach, describe, expect, it, vi } from 'vitest';
import { DecoderLoadError, qrDetector } from './detector.js';
import { WorkerLoadError, WorkerQrDetector } from './worker-detector.js';
import type { DecodeReply, DecodeRequest } from './worker-protocol.js';

/** Stands in for the decoder worker: records what the page sends, answers when the test says. */
class FakeWorker {
  static last: FakeWorker | undefined;
  readonly sent: { message: DecodeRequest; transfer: Transferable[] }[] = [];
  onmessage: ((e: MessageEvent<DecodeReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;

  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    FakeWorker.last = this;
  }

  postMessage(message: DecodeRequest, transfer: Transferable[] = []): void {
    this.sent.push({ message, transfer });
  }

  reply(reply: DecodeReply): void {
    this.onmessage?.({ data: reply } as MessageEvent<DecodeReply>);
  }

  fail(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }

  terminate(): void {
    this.terminated = true;
  }
}

const lastWorker = () => FakeWorker.last!;
const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  vi.unstubAllGlobals();
  FakeWorker.last = undefined;
});

describe('WorkerQrDetector', () => {
  it('starts the decoder worker as a module and learns whether it reads bitmaps', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const d = new WorkerQrDetector();
    expect(lastWorker().url.pathname).toMatch(/decode-worker\.ts$/);
    expect(lastWorker().options).toMatchObject({ type: 'module' });
    const ready = d.ready();
    const { message } = lastWorker().sent[0]!;
    lastWorker().reply({ id: message.id, ok: true, ready: { bitmaps: true } });
    await ready;
    expect(d.readsBitmaps).toBe(true);
  });

  it('moves a frame’s pixels to the worker (transferred, not copied) and matches answers to frames', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const d = new WorkerQrDetector();
    const pixels = () => ({ data: new Uint8ClampedArray(8 * 4 * 4), width: 8, height: 4 }) as unknown as ImageData;
    const [a, b] = [pixels(), pixels()];
    const first = d.detect(a);
    const second = d.detect(b);
    const [sa, sb] = lastWorker().sent;
    expect(sa!.message).toMatchObject({ type: 'pixels', width: 8, height: 4 });
    expect(sa!.transfer).toEqual([a.data.buffer]);
    expect(sb!.transfer).toEqual([b.data.buffer]);
    // Answers may come in any order; each goes to its own frame.
    lastWorker().reply({ id: sb!.message.id, ok: true, text: null });
    lastWorker().reply({ id: sa!.message.id, ok: true, text: 'HGP1:ABC' });
    expect(await first).toEqual([{ rawValue: 'HGP1:ABC' }]);
    expect(await second).toEqual([]);
  });

  it('transfers camera bitmaps', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const d = new WorkerQrDetector();
    const bitmap = { width: 640, height: 480 } as ImageBitmap;
    const result = d.detectBitmap(bitmap);
    const { message, transfer } = lastWorker().sent[0]!;
    expect([message.type, transfer]).toEqual(['bitmap', [bitmap]]);
    lastWorker().reply({ id: message.id, ok: true, text: 'HG1:X' });
    expect(await result).toEqual([{ rawValue: 'HG1:X' }]);
  });

  it('rejects with WorkerLoadError when the .wasm or the worker script cannot load, and with a plain Error when a frame fails', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const d = new WorkerQrDetector();
    const ready = d.ready();
    lastWorker().reply({ id: lastWorker().sent[0]!.message.id, ok: false, loading: true, error: 'offline' });
    await expect(ready).rejects.toBeInstanceOf(WorkerLoadError);
    const frame = d.detect({ data: new Uint8ClampedArray(4), width: 1, height: 1 } as unknown as ImageData);
    lastWorker().reply({ id: lastWorker().sent[1]!.message.id, ok: false, loading: false, error: 'bad frame' });
    const error = await frame.catch((e: unknown) => e);
    expect([error instanceof Error && error.message, error instanceof WorkerLoadError]).toEqual(['bad frame', false]);
    const pending = d.ready();
    lastWorker().fail('script 404');
    await expect(pending).rejects.toThrow(/decoder worker failed: script 404/);
  });
});

describe('qrDetector', () => {
  it('says DecoderLoadError when the worker cannot start its decoder, stops it, and tries again next time', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const failed = qrDetector();
    await flush();
    const first = lastWorker();
    first.fail('offline');
    await expect(failed).rejects.toBeInstanceOf(DecoderLoadError);
    expect(first.terminated).toBe(true);
    const retried = qrDetector();
    await flush();
    expect(lastWorker()).not.toBe(first);
    lastWorker().reply({ id: lastWorker().sent[0]!.message.id, ok: true, ready: { bitmaps: false } });
    expect((await retried).kind).toBe('zxing-wasm');
  });
});
